#!/usr/bin/env python3
"""Per-framework breakdown of a `synapse eval` text report over framework-cases.jsonl.

Usage: java -jar target/synapse.jar eval src/test/resources/corpus/framework-cases.jsonl > eval.txt
       python3 src/test/resources/corpus/framework-src/report.py eval.txt
Reads the case list from ../framework-cases.jsonl and the "misses" / "false alarms" sections of the
report; prints, per framework, positives caught (expected findings matched) and negatives that
drew a false alarm, and a category x language matrix of recall.
"""
import collections, json, os, re, sys

FRAMEWORK = [  # (id token prefix, label); first match wins
    ("flask", "Flask"), ("jinja", "Flask/Jinja"), ("pymongo", "pymongo"), ("django", "Django"),
    ("fastapi", "FastAPI"), ("sqlalchemy", "SQLAlchemy"), ("pytest", "pytest"), ("lxml", "lxml"),
    ("ldap3", "ldap3"), ("stdlib", "Python stdlib"),
    ("node-serialize", "node-serialize"), ("node", "Node stdlib"), ("express", "Express"),
    ("koa", "Koa"), ("fastify", "Fastify"), ("nestjs", "NestJS"), ("nextjs", "Next.js"),
    ("prisma", "Prisma"), ("react", "React"), ("vue", "Vue"), ("angular", "Angular"),
    ("sequelize", "Sequelize"), ("mongoose", "Mongoose"), ("libxmljs", "libxmljs"), ("jest", "Jest"),
    ("servlet", "Servlet"), ("jdbc", "JDBC"), ("jpa", "JPA"), ("hibernate", "Hibernate"),
    ("mybatis", "MyBatis"), ("thymeleaf", "Spring MVC/Thymeleaf"), ("spring-webflux", "Spring WebFlux"),
    ("spring-data-mongo", "Spring Data MongoDB"), ("spring-kotlin", "Spring (Kotlin)"),
    ("spring", "Spring MVC"), ("mongo-java", "Mongo Java driver"), ("jndi", "JNDI"),
    ("jaxp", "JAXP"), ("jaxrs", "JAX-RS"), ("junit", "JUnit"), ("ktor", "Ktor"),
    ("net-http", "net/http"), ("html-template", "html/template"), ("database-sql", "database/sql"),
    ("gin", "Gin"), ("gorm", "GORM"), ("echo", "Echo"), ("fiber", "Fiber"), ("mongo-go", "mongo-go-driver"),
    ("test", "go test"),
    ("rails", "Rails"), ("activerecord", "ActiveRecord"), ("nokogiri", "Nokogiri"), ("sinatra", "Sinatra"),
    ("mongo-ruby", "mongo-ruby-driver"), ("rspec", "RSpec"),
    ("plain", "PHP plain"), ("pdo", "PDO"), ("mysqli", "mysqli"), ("curl", "PHP curl"),
    ("mongodb-dotnet", "MongoDB .NET"), ("mongodb", "MongoDB PHP"), ("ldap", "PHP ldap"),
    ("laravel", "Laravel"), ("symfony", "Symfony"),
    ("aspnet", "ASP.NET Core MVC"), ("razor", "Razor"), ("minimal-api", "ASP.NET minimal API"),
    ("adonet", "ADO.NET"), ("efcore", "EF Core"), ("dapper", "Dapper"), ("binaryformatter", "BinaryFormatter"),
    ("jsonnet", "Json.NET"), ("xmldocument", "System.Xml"), ("httpclient", "HttpClient"), ("process", ".NET Process"),
    ("phoenix", "Phoenix"), ("plug", "Plug"), ("ecto", "Ecto"), ("httpoison", "HTTPoison"), ("req", "Req"),
    ("erlang", "Erlang terms"), ("sweetxml", "SweetXml"), ("system-cmd", "System.cmd"),
]


def framework(case_id, lang):
    token = case_id.split("-", 2)[2]
    for prefix, label in FRAMEWORK:
        if token.startswith(prefix):
            return f"{label} ({lang})"
    return f"? ({lang})"


def main(report_path):
    here = os.path.dirname(os.path.abspath(__file__))
    cases = [json.loads(l) for l in open(os.path.join(here, "..", "framework-cases.jsonl"), encoding="utf-8")]
    text = open(report_path, encoding="utf-8").read()
    misses = collections.Counter(re.findall(r"^  (fw-\S+)\s+\S+\s+\S+:\d+", text.split("false alarms")[0], re.M))
    alarms = collections.Counter(re.findall(r"^  (fw-\S+)\s", text.split("false alarms")[1], re.M)) if "false alarms" in text else {}
    fw = collections.defaultdict(lambda: [0, 0, 0, 0])  # caught, expected, negatives with alarm, negatives
    matrix = collections.defaultdict(lambda: [0, 0])
    for c in cases:
        row = fw[framework(c["id"], c["language"])]
        if c["kind"] == "positive":
            n = len(c["expected"])
            row[0] += n - misses.get(c["id"], 0)
            row[1] += n
            m = matrix[(c["category"], c["language"])]
            m[0] += n - misses.get(c["id"], 0)
            m[1] += n
        else:
            row[2] += 1 if alarms.get(c["id"]) else 0
            row[3] += 1
    print("| framework | expected found | negatives with a false alarm |")
    print("|---|---|---|")
    for name in sorted(fw, key=lambda k: (k.split("(")[-1], k)):
        a, b, x, y = fw[name]
        print(f"| {name} | {a}/{b} | {x}/{y} |")
    langs = sorted({l for _, l in matrix})
    cats = sorted({c for c, _ in matrix})
    print()
    print("| category | " + " | ".join(langs) + " |")
    print("|---|" + "---|" * len(langs))
    for cat in cats:
        cells = [f"{matrix[(cat, l)][0]}/{matrix[(cat, l)][1]}" if (cat, l) in matrix else "" for l in langs]
        print(f"| {cat} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
