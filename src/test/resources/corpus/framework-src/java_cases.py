"""Java/Kotlin: Servlet, Spring MVC/WebFlux, JAX-RS, JDBC, JPA/Hibernate, MyBatis, Ktor, Mongo."""
from gen import twin, case, new, mod

J, K = "java", "kotlin"

# ---------------- Servlet / JDBC ----------------
twin("servlet", J, "xss", "src/main/java/com/acme/shop/web/WishlistServlet.java", '''
package com.acme.shop.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import org.owasp.encoder.Encode;

@WebServlet("/wishlist/share")
public class WishlistServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String owner = req.getParameter("owner");
        resp.setContentType("text/html;charset=UTF-8");
        PrintWriter out = resp.getWriter();
        <<X>>
    }
}
''', 'out.printf("<h2>%s\'s wishlist</h2>%n", owner);⟪!⟫',
    'out.printf("<h2>%s\'s wishlist</h2>%n", Encode.forHtml(owner));',
    "servlet prints a request parameter into an HTML page with printf",
    "OWASP Java Encoder forHtml encodes the value for HTML text",
    "https://jakarta.ee/specifications/servlet/6.0/apidocs/jakarta.servlet/jakarta/servlet/servletresponse#getWriter()",
    neg_url="https://owasp.org/www-project-java-encoder/")

twin("servlet", J, "open_redirect", "src/main/java/com/acme/portal/web/LogoutServlet.java", '''
package com.acme.portal.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.getSession().invalidate();
        String next = req.getParameter("next");
        <<X>>
    }
}
''', 'resp.sendRedirect(next != null ? next : req.getContextPath() + "/");⟪!⟫', '''
boolean local = next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\\\");
resp.sendRedirect(req.getContextPath() + (local ? next : "/"));''',
    "sendRedirect to the next request parameter",
    "only a local path is accepted and it is prefixed with the context path",
    "https://jakarta.ee/specifications/servlet/6.0/apidocs/jakarta.servlet/jakarta/servlet/http/httpservletresponse#sendRedirect(java.lang.String)")

twin("servlet", J, "trust_boundary", "src/main/java/com/acme/portal/web/ImpersonationServlet.java", '''
package com.acme.portal.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

@WebServlet("/support/impersonate")
public class ImpersonationServlet extends HttpServlet {
    private final AccountService accounts = AccountService.instance();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        <<X>>
        resp.sendRedirect(req.getContextPath() + "/home");
    }
}
''', 'req.getSession().setAttribute("actingAs", req.getParameter("accountId"));⟪!⟫', '''
Account account = accounts.requireSupportAccess(req.getUserPrincipal(), Long.parseLong(req.getParameter("accountId")));
req.getSession().setAttribute("actingAs", account.id());''',
    "request parameter stored in the HTTP session as the account being acted for",
    "session receives the id of an account the support user was checked to access",
    "https://jakarta.ee/specifications/servlet/6.0/apidocs/jakarta.servlet/jakarta/servlet/http/httpsession#setAttribute(java.lang.String,java.lang.Object)")

twin("servlet", J, "insecure_deserialization", "src/main/java/com/acme/sync/web/SyncServlet.java", '''
package com.acme.sync.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

@WebServlet("/sync")
public class SyncServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            <<X>>
            resp.getWriter().print(batch.apply());
        } catch (ClassNotFoundException e) {
            resp.sendError(400);
        }
    }
}
''', 'SyncBatch batch = (SyncBatch) in.readObject();⟪!⟫', '''
in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.acme.sync.dto.*;java.util.*;java.lang.*;!*"));
SyncBatch batch = (SyncBatch) in.readObject();''',
    "ObjectInputStream.readObject on the request body with no filter",
    "an ObjectInputFilter allow-lists the DTO classes before readObject",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/ObjectInputStream.html",
    neg_url="https://docs.oracle.com/en/java/javase/17/core/serialization-filtering1.html")

twin("servlet-xmldecoder", J, "insecure_deserialization", "src/main/java/com/acme/layout/web/LayoutImportServlet.java", '''
package com.acme.layout.web;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.XMLDecoder;
import java.io.IOException;

@WebServlet("/layouts/import")
public class LayoutImportServlet extends HttpServlet {
    private final XmlMapper xml = new XmlMapper();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        <<X>>
        LayoutStore.save(req.getRemoteUser(), layout);
    }
}
''', 'Layout layout = (Layout) new XMLDecoder(req.getInputStream()).readObject();⟪!⟫',
    'Layout layout = xml.readValue(req.getInputStream(), Layout.class);',
    "XMLDecoder.readObject on the request body can call arbitrary constructors and methods",
    "Jackson XmlMapper binds only to the Layout class",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.desktop/java/beans/XMLDecoder.html",
    neg_url="https://github.com/FasterXML/jackson-dataformat-xml#usage")

twin("servlet-dom", J, "xxe", "src/main/java/com/acme/edi/web/OrderXmlServlet.java", '''
package com.acme.edi.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

@WebServlet("/edi/orders")
public class OrderXmlServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            <<X>>
            resp.getWriter().print(OrderImporter.importOrders(doc));
        } catch (Exception e) {
            resp.sendError(400, "invalid order document");
        }
    }
}
''', 'Document doc = dbf.newDocumentBuilder().parse(req.getInputStream());⟪!⟫', '''
dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
dbf.setXIncludeAware(false);
dbf.setExpandEntityReferences(false);
Document doc = dbf.newDocumentBuilder().parse(req.getInputStream());''',
    "default DocumentBuilderFactory (DOCTYPE and external entities allowed) parses the request body",
    "disallow-doctype-decl feature set before parsing",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.xml/javax/xml/parsers/DocumentBuilderFactory.html",
    neg_url="https://xerces.apache.org/xerces2-j/features.html#disallow-doctype-decl")

twin("jdbc", J, "sql_injection", "src/main/java/com/acme/library/web/LoanServlet.java", '''
package com.acme.library.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

@WebServlet("/loans")
public class LoanServlet extends HttpServlet {
    private DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String card = req.getParameter("card");
        try (Connection c = dataSource.getConnection()) {
            <<X>>
            resp.setContentType("application/json");
            resp.getWriter().print(LoanJson.write(rs));
        } catch (SQLException e) {
            resp.sendError(500);
        }
    }
}
''', 'ResultSet rs = c.createStatement().executeQuery("SELECT title, due FROM loans WHERE card_no = \'" + card + "\'");⟪!⟫', '''
PreparedStatement ps = c.prepareStatement("SELECT title, due FROM loans WHERE card_no = ?");
ps.setString(1, card);
ResultSet rs = ps.executeQuery();''',
    "Statement.executeQuery with a request parameter concatenated into the SQL",
    "PreparedStatement with a ? parameter",
    "https://docs.oracle.com/javase/tutorial/jdbc/basics/prepared.html")

# ---------------- JPA / Hibernate / MyBatis ----------------
twin("jpa", J, "sql_injection", "src/main/java/com/acme/crm/contacts/ContactSearchController.java", '''
package com.acme.crm.contacts;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ContactSearchController {
    private final EntityManager em;

    public ContactSearchController(EntityManager em) {
        this.em = em;
    }

    @GetMapping("/contacts/search")
    public List<Contact> search(@RequestParam String company) {
        <<X>>
    }
}
''', 'return em.createQuery("SELECT c FROM Contact c WHERE c.company = \'" + company + "\'", Contact.class).getResultList();⟪!⟫',
    'return em.createQuery("SELECT c FROM Contact c WHERE c.company = :company", Contact.class).setParameter("company", company).getResultList();',
    "JPQL built by concatenating a request parameter",
    "named parameter :company bound with setParameter",
    "https://jakarta.ee/specifications/persistence/3.1/jakarta-persistence-spec-3.1#a2256")

twin("hibernate", J, "sql_injection", "src/main/java/com/acme/fleet/TripRepository.java", '''
package com.acme.fleet;

import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TripRepository {
    private final SessionFactory sessionFactory;

    public TripRepository(SessionFactory sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    @GetMapping("/vehicles/{plate}/trips")
    public List<Trip> trips(@PathVariable String plate) {
        Session session = sessionFactory.getCurrentSession();
        <<X>>
    }
}
''', 'return session.createNativeQuery("SELECT * FROM trip WHERE plate = \'" + plate + "\' ORDER BY started_at", Trip.class).getResultList();⟪!⟫',
    'return session.createNativeQuery("SELECT * FROM trip WHERE plate = :plate ORDER BY started_at", Trip.class).setParameter("plate", plate).getResultList();',
    "Hibernate native query with a path variable concatenated into the SQL",
    "native query with a named parameter",
    "https://docs.jboss.org/hibernate/orm/6.4/userguide/html_single/Hibernate_User_Guide.html#sql")

case("fw-java-mybatis-sql_injection-pos", J, "sql_injection", "positive", [
    new("src/main/java/com/acme/hr/EmployeeMapper.java", '''
package com.acme.hr;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface EmployeeMapper {
    @Select("SELECT id, name, title FROM employees WHERE department = '${dept}' ORDER BY name")⟪!⟫
    List<Employee> byDepartment(@Param("dept") String dept);
}
'''),
    new("src/main/java/com/acme/hr/EmployeeController.java", '''
package com.acme.hr;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EmployeeController {
    private final EmployeeMapper mapper;

    public EmployeeController(EmployeeMapper mapper) {
        this.mapper = mapper;
    }

    @GetMapping("/employees")
    public List<Employee> list(@RequestParam String dept) {
        return mapper.byDepartment(dept);
    }
}
''')], "MyBatis ${} string substitution puts the request parameter into the SQL text",
    "https://mybatis.org/mybatis-3/sqlmap-xml.html#string-substitution")

case("fw-java-mybatis-sql_injection-neg", J, "sql_injection", "negative", [
    new("src/main/java/com/acme/hr/EmployeeMapper.java", '''
package com.acme.hr;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface EmployeeMapper {
    @Select("SELECT id, name, title FROM employees WHERE department = #{dept} ORDER BY name")
    List<Employee> byDepartment(@Param("dept") String dept);
}
'''),
    new("src/main/java/com/acme/hr/EmployeeController.java", '''
package com.acme.hr;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EmployeeController {
    private final EmployeeMapper mapper;

    public EmployeeController(EmployeeMapper mapper) {
        this.mapper = mapper;
    }

    @GetMapping("/employees")
    public List<Employee> list(@RequestParam String dept) {
        return mapper.byDepartment(dept);
    }
}
''')], "#{} parameter: MyBatis binds the value through a PreparedStatement",
    "https://mybatis.org/mybatis-3/sqlmap-xml.html#parameters")

# ---------------- Spring MVC / WebFlux ----------------
twin("spring-mvc", J, "xss", "src/main/java/com/acme/status/StatusBadgeController.java", '''
package com.acme.status;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StatusBadgeController {
    <<X>>
}
''', '''
@GetMapping(value = "/badge", produces = MediaType.TEXT_HTML_VALUE)
public String badge(@RequestParam String service) {
    return "<span class=\\"badge\\">" + service + " is operational</span>";⟪!⟫
}''', '''
@GetMapping(value = "/badge", produces = MediaType.APPLICATION_JSON_VALUE)
public Badge badge(@RequestParam String service) {
    return new Badge(service, "operational");
}''',
    "@RestController method produces text/html from a concatenated request parameter",
    "method returns a record serialised as JSON",
    "https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-controller/ann-methods/responsebody.html")

case("fw-java-thymeleaf-xss-pos", J, "xss", "positive", [
    new("src/main/resources/templates/review.html", '''
<!DOCTYPE html>
<html xmlns:th="http://www.thymeleaf.org">
<body>
  <h1 th:text="${product.name}">Product</h1>
  <blockquote th:utext="${review}">Review text</blockquote>⟪!⟫
</body>
</html>
'''),
    new("src/main/java/com/acme/reviews/ReviewController.java", '''
package com.acme.reviews;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class ReviewController {
    @PostMapping("/reviews/preview")
    public String preview(@RequestParam String review, @RequestParam long productId, Model model) {
        model.addAttribute("product", Catalog.find(productId));
        model.addAttribute("review", review);
        return "review";
    }
}
''')], "Thymeleaf th:utext prints the submitted review without escaping",
    "https://www.thymeleaf.org/doc/tutorials/3.1/usingthymeleaf.html#unescaped-text")

case("fw-java-thymeleaf-xss-neg", J, "xss", "negative", [
    new("src/main/resources/templates/review.html", '''
<!DOCTYPE html>
<html xmlns:th="http://www.thymeleaf.org">
<body>
  <h1 th:text="${product.name}">Product</h1>
  <blockquote th:text="${review}">Review text</blockquote>
</body>
</html>
'''),
    new("src/main/java/com/acme/reviews/ReviewController.java", '''
package com.acme.reviews;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class ReviewController {
    @PostMapping("/reviews/preview")
    public String preview(@RequestParam String review, @RequestParam long productId, Model model) {
        model.addAttribute("product", Catalog.find(productId));
        model.addAttribute("review", review);
        return "review";
    }
}
''')], "th:text escapes the review", "https://www.thymeleaf.org/doc/tutorials/3.1/usingthymeleaf.html#unescaped-text")

twin("spring-mvc", J, "open_redirect", "src/main/java/com/acme/portal/LocaleController.java", '''
package com.acme.portal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LocaleController {
    @PostMapping("/locale")
    public String change(@RequestParam String locale, @RequestParam(defaultValue = "/") String returnUrl) {
        LocaleHolder.set(locale);
        <<X>>
    }
}
''', 'return "redirect:" + returnUrl;⟪!⟫', '''
boolean local = returnUrl.startsWith("/") && !returnUrl.startsWith("//");
return "redirect:" + (local ? returnUrl : "/");''',
    "redirect: view name built from a request parameter",
    "only local paths are accepted",
    "https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-servlet/viewresolver.html#mvc-redirecting-redirect-prefix",
    before='return "redirect:/";')

twin("spring-resttemplate", J, "ssrf", "src/main/java/com/acme/feeds/FeedPreviewController.java", '''
package com.acme.feeds;

import java.net.URI;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@RestController
public class FeedPreviewController {
    private static final Set<String> HOSTS = Set.of("feeds.bbci.co.uk", "rss.nytimes.com");
    private final RestTemplate rest = new RestTemplate();

    @GetMapping("/feeds/preview")
    public ResponseEntity<String> preview(@RequestParam String url) {
        <<X>>
    }
}
''', 'return ResponseEntity.ok(rest.getForObject(url, String.class));⟪!⟫', '''
URI uri = URI.create(url);
if (!"https".equals(uri.getScheme()) || !HOSTS.contains(uri.getHost())) {
    return ResponseEntity.badRequest().build();
}
return ResponseEntity.ok(rest.getForObject(uri, String.class));''',
    "RestTemplate fetches a URL from a request parameter",
    "scheme and host checked against an allow-list",
    "https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/web/client/RestTemplate.html#getForObject(java.lang.String,java.lang.Class,java.lang.Object...)")

twin("spring-webflux", J, "ssrf", "src/main/java/com/acme/gateway/ProxyHandler.java", '''
package com.acme.gateway;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

@Component
public class ProxyHandler {
    private final WebClient client = WebClient.create();
    private final WebClient github = WebClient.create("https://api.github.com");

    public Mono<ServerResponse> repo(ServerRequest request) {
        String target = request.queryParam("target").orElse("");
        <<X>>
        return ServerResponse.ok().body(body, String.class);
    }
}
''', 'Mono<String> body = client.get().uri(target).retrieve().bodyToMono(String.class);⟪!⟫',
    'Mono<String> body = github.get().uri("/repos/{slug}", target).retrieve().bodyToMono(String.class);',
    "WebClient called with a URI taken from a query parameter",
    "fixed base URL; the parameter fills a URI template variable (encoded)",
    "https://docs.spring.io/spring-framework/reference/web/webflux-webclient/client-retrieve.html",
    neg_url="https://docs.spring.io/spring-framework/reference/web/webflux-webclient/client-builder.html")

twin("spring-spel", J, "code_injection", "src/main/java/com/acme/rules/RulePreviewController.java", '''
package com.acme.rules;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RulePreviewController {
    private final ExpressionParser parser = new SpelExpressionParser();

    @PostMapping("/rules/preview")
    public Object preview(@RequestBody RuleRequest rule) {
        <<X>>
    }
}
''', '''
EvaluationContext ctx = new StandardEvaluationContext(rule.order());
return parser.parseExpression(rule.expression()).getValue(ctx);⟪!⟫''', '''
EvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding().build();
return parser.parseExpression(rule.expression()).getValue(ctx, rule.order());''',
    "user-written SpEL evaluated with StandardEvaluationContext (type references, constructors, bean access)",
    "SimpleEvaluationContext for read-only data binding excludes types, constructors and bean references",
    "https://docs.spring.io/spring-framework/reference/core/expressions/evaluation.html#expressions-evaluation-context")

twin("spring-process", J, "command_injection", "src/main/java/com/acme/ops/PingController.java", '''
package com.acme.ops;

import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PingController {
    @GetMapping("/ops/ping")
    public int ping(@RequestParam String host) throws IOException, InterruptedException {
        <<X>>
        return p.waitFor();
    }
}
''', 'Process p = Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "ping -c 3 " + host});⟪!⟫',
    'Process p = new ProcessBuilder("ping", "-c", "3", "--", host).start();',
    "sh -c command line with the host parameter appended",
    "ProcessBuilder with separate arguments, no shell",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/ProcessBuilder.html")

twin("mongo-java", J, "nosql_injection", "src/main/java/com/acme/tickets/TicketController.java", '''
package com.acme.tickets;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TicketController {
    private final MongoCollection<Document> tickets;

    public TicketController(MongoCollection<Document> tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/tickets")
    public List<Document> byReporter(@RequestParam String reporter) {
        <<X>>
    }
}
''', 'return tickets.find(new Document("$where", "this.reporter == \'" + reporter + "\'")).into(new ArrayList<>());⟪!⟫',
    'return tickets.find(Filters.eq("reporter", reporter)).into(new ArrayList<>());',
    "$where JavaScript built by concatenating a request parameter",
    "Filters.eq builds an equality filter with the value as data",
    "https://www.mongodb.com/docs/manual/reference/operator/query/where/",
    neg_url="https://www.mongodb.com/docs/drivers/java/sync/current/fundamentals/builders/filters/")

twin("spring-data-mongo", J, "nosql_injection", "src/main/java/com/acme/users/UserLookupService.java", '''
package com.acme.users;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UserLookupService {
    private final MongoTemplate mongo;

    public UserLookupService(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/users/by-name")
    public UserProfile byName(@RequestParam String username) {
        <<X>>
    }
}
''', 'return mongo.findOne(new BasicQuery("{ username: \'" + username + "\', active: true }"), UserProfile.class);⟪!⟫',
    'return mongo.findOne(Query.query(Criteria.where("username").is(username).and("active").is(true)), UserProfile.class);',
    "BasicQuery JSON text built by concatenating a request parameter",
    "Criteria API: the value is bound as data",
    "https://docs.spring.io/spring-data/mongodb/reference/mongodb/template-query-operations.html")

twin("jndi", J, "ldap_injection", "src/main/java/com/acme/directory/PeopleController.java", '''
package com.acme.directory;

import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PeopleController {
    private final DirContext ctx;

    public PeopleController(DirContext ctx) {
        this.ctx = ctx;
    }

    @GetMapping("/people")
    public List<String> find(@RequestParam String uid) throws NamingException {
        SearchControls sc = new SearchControls();
        sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
        <<X>>
        return Names.of(results);
    }
}
''', 'NamingEnumeration<SearchResult> results = ctx.search("ou=people,dc=acme,dc=com", "(uid=" + uid + ")", sc);⟪!⟫',
    'NamingEnumeration<SearchResult> results = ctx.search("ou=people,dc=acme,dc=com", "(uid={0})", new Object[] {uid}, sc);',
    "LDAP filter concatenated from a request parameter",
    "filter argument {0} is escaped by JNDI (RFC 4515)",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.naming/javax/naming/directory/DirContext.html#search(javax.naming.Name,java.lang.String,java.lang.Object%5B%5D,javax.naming.directory.SearchControls)")

twin("jaxp-xpath", J, "xpath_injection", "src/main/java/com/acme/catalog/PartLookup.java", '''
package com.acme.catalog;

import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

@RestController
public class PartLookup {
    private final Document catalog = CatalogDocument.load();

    @GetMapping("/parts")
    public String find(@RequestParam String sku) throws Exception {
        XPath xp = XPathFactory.newInstance().newXPath();
        <<X>>
        return node == null ? "" : node.getTextContent();
    }
}
''', 'Node node = (Node) xp.evaluate("//part[@sku=\'" + sku + "\']/name", catalog, XPathConstants.NODE);⟪!⟫', '''
xp.setXPathVariableResolver(name -> new QName("sku").equals(name) ? sku : null);
Node node = (Node) xp.evaluate("//part[@sku=$sku]/name", catalog, XPathConstants.NODE);''',
    "XPath expression concatenated from a request parameter",
    "XPath variable $sku resolved by an XPathVariableResolver",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.xml/javax/xml/xpath/XPath.html#setXPathVariableResolver(javax.xml.xpath.XPathVariableResolver)")

# ---------------- JAX-RS ----------------
twin("jaxrs", J, "xss", "src/main/java/com/acme/api/GreetingResource.java", '''
package com.acme.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("/greeting")
public class GreetingResource {
    @GET
    <<X>>
}
''', '''
@Produces(MediaType.TEXT_HTML)
public String greet(@QueryParam("name") String name) {
    return "<html><body><h1>Welcome, " + name + "</h1></body></html>";⟪!⟫
}''', '''
@Produces(MediaType.APPLICATION_JSON)
public Map<String, String> greet(@QueryParam("name") String name) {
    return Map.of("greeting", "Welcome, " + name);
}''',
    "JAX-RS resource produces text/html containing a query parameter",
    "resource produces JSON",
    "https://jakarta.ee/specifications/restful-ws/3.1/apidocs/jakarta.ws.rs/jakarta/ws/rs/produces")

twin("jaxrs", J, "open_redirect", "src/main/java/com/acme/api/SsoResource.java", '''
package com.acme.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

@Path("/sso")
public class SsoResource {
    @Context
    UriInfo uriInfo;

    @GET
    @Path("/done")
    public Response done(@QueryParam("target") String target) {
        <<X>>
    }
}
''', 'return Response.seeOther(URI.create(target)).build();⟪!⟫',
    'return Response.seeOther(uriInfo.getBaseUriBuilder().path("home").build()).build();',
    "303 redirect to a URI taken from a query parameter",
    "redirect target built from the application's base URI",
    "https://jakarta.ee/specifications/restful-ws/3.1/apidocs/jakarta.ws.rs/jakarta/ws/rs/core/response#seeOther(java.net.URI)")

twin("jaxrs-httpclient", J, "ssrf", "src/main/java/com/acme/api/HealthProbeResource.java", '''
package com.acme.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

@Path("/probe")
public class HealthProbeResource {
    private static final Set<String> SERVICES = Set.of("billing.internal.acme.com", "search.internal.acme.com");
    private final HttpClient client = HttpClient.newHttpClient();

    @POST
    public int probe(@QueryParam("url") String url) throws Exception {
        URI uri = URI.create(url);
        <<X>>
    }
}
''', 'return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();⟪!⟫', '''
if (!SERVICES.contains(uri.getHost())) {
    throw new BadRequestException("unknown service");
}
return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();''',
    "java.net.http.HttpClient sends a request to a URL from a query parameter",
    "host checked against the known services before the request",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.net.http/java/net/http/HttpClient.html")

case("fw-java-junit-command_injection-neg", J, "command_injection", "negative", [
    new("src/test/java/com/acme/backup/BackupJobTest.java", '''
package com.acme.backup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupJobTest {
    @TempDir
    Path dir;

    @Test
    void archiveIsReadableByTar() throws Exception {
        Path archive = new BackupJob(dir).run();
        Process p = new ProcessBuilder("sh", "-c", "tar -tzf " + archive + " > /dev/null").start();
        assertTrue(p.waitFor() == 0 && Files.size(archive) > 0);
    }
}
''')], "JUnit test runs sh -c on a path inside its own @TempDir; no untrusted input",
    "https://junit.org/junit5/docs/current/user-guide/#writing-tests-built-in-extensions-TempDirectory")

# ---------------- Kotlin: Ktor and Spring ----------------
twin("ktor", K, "xss", "src/main/kotlin/com/acme/routes/Hello.kt", '''
package com.acme.routes

import io.ktor.http.ContentType
import io.ktor.server.application.call
import io.ktor.server.response.respond
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.get

fun Route.hello() {
    get("/hello") {
        val name = call.request.queryParameters["name"] ?: "world"
        <<X>>
    }
}
''', 'call.respondText("<h1>Hello, $name</h1>", ContentType.Text.Html)⟪!⟫',
    'call.respond(mapOf("greeting" to "Hello, $name"))',
    "respondText with ContentType.Text.Html and a query parameter in the text",
    "map answered through ContentNegotiation as JSON",
    "https://ktor.io/docs/server-responses.html#plain-text",
    neg_url="https://ktor.io/docs/server-serialization.html")

twin("ktor", K, "open_redirect", "src/main/kotlin/com/acme/routes/Login.kt", '''
package com.acme.routes

import io.ktor.server.application.call
import io.ktor.server.response.respondRedirect
import io.ktor.server.routing.Route
import io.ktor.server.routing.get

fun Route.loginDone() {
    get("/login/done") {
        val next = call.request.queryParameters["next"] ?: "/"
        <<X>>
    }
}
''', 'call.respondRedirect(next)⟪!⟫', '''
val local = next.startsWith("/") && !next.startsWith("//")
call.respondRedirect(if (local) next else "/")''',
    "respondRedirect to the next query parameter",
    "only local paths are accepted",
    "https://ktor.io/docs/server-responses.html#redirect")

twin("ktor-client", K, "ssrf", "src/main/kotlin/com/acme/routes/Webhook.kt", '''
package com.acme.routes

import io.ktor.client.HttpClient
import io.ktor.client.request.get
import io.ktor.http.HttpStatusCode
import io.ktor.http.Url
import io.ktor.server.application.call
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.post

private val allowedHosts = setOf("hooks.slack.com")

fun Route.webhookTest(client: HttpClient) {
    post("/webhooks/test") {
        val target = call.parameters["url"] ?: return@post call.respond(HttpStatusCode.BadRequest)
        <<X>>
        call.respond(mapOf("status" to response.status.value))
    }
}
''', 'val response = client.get(target)⟪!⟫', '''
if (Url(target).host !in allowedHosts) return@post call.respond(HttpStatusCode.BadRequest)
val response = client.get(target)''',
    "Ktor client requests a URL taken from the call parameters",
    "host must be on an allow-list",
    "https://ktor.io/docs/client-requests.html")

twin("ktor-jdbc", K, "sql_injection", "src/main/kotlin/com/acme/routes/Stock.kt", '''
package com.acme.routes

import io.ktor.server.application.call
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import javax.sql.DataSource

fun Route.stock(ds: DataSource) {
    get("/stock/{sku}") {
        val sku = call.parameters["sku"]!!
        ds.connection.use { conn ->
            <<X>>
            call.respond(mapOf("onHand" to if (rs.next()) rs.getInt(1) else 0))
        }
    }
}
''', 'val rs = conn.createStatement().executeQuery("SELECT on_hand FROM stock WHERE sku = \'$sku\'")⟪!⟫', '''
val ps = conn.prepareStatement("SELECT on_hand FROM stock WHERE sku = ?")
ps.setString(1, sku)
val rs = ps.executeQuery()''',
    "Kotlin string template puts a path parameter into JDBC SQL",
    "PreparedStatement with a bound parameter",
    "https://docs.oracle.com/javase/tutorial/jdbc/basics/prepared.html")

twin("spring-kotlin", K, "insecure_deserialization", "src/main/kotlin/com/acme/cart/CartController.kt", '''
package com.acme.cart

import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.module.kotlin.readValue
import jakarta.servlet.http.HttpServletRequest
import java.io.ObjectInputStream
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RestController

@RestController
class CartController(private val mapper: ObjectMapper) {
    @PostMapping("/cart/restore")
    fun restore(request: HttpServletRequest): Int {
        <<X>>
        return cart.items.size
    }
}
''', 'val cart = ObjectInputStream(request.inputStream).readObject() as Cart⟪!⟫',
    'val cart: Cart = mapper.readValue(request.inputStream)',
    "ObjectInputStream.readObject on the request body",
    "Jackson binds the JSON body to the Cart class only",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/io/ObjectInputStream.html",
    neg_url="https://github.com/FasterXML/jackson-module-kotlin#usage")

twin("spring-kotlin-sax", K, "xxe", "src/main/kotlin/com/acme/imports/FeedImportController.kt", '''
package com.acme.imports

import javax.xml.parsers.SAXParserFactory
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController
import org.springframework.web.multipart.MultipartFile

@RestController
class FeedImportController {
    @PostMapping("/feeds/import")
    fun import(@RequestParam file: MultipartFile): Int {
        val factory = SAXParserFactory.newInstance()
        val handler = FeedHandler()
        <<X>>
        return handler.count
    }
}
''', 'factory.newSAXParser().parse(file.inputStream, handler)⟪!⟫', '''
factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true)
factory.newSAXParser().parse(file.inputStream, handler)''',
    "default SAXParserFactory parses an uploaded file (DOCTYPE and external entities allowed)",
    "disallow-doctype-decl set on the factory",
    "https://docs.oracle.com/en/java/javase/17/docs/api/java.xml/javax/xml/parsers/SAXParserFactory.html",
    neg_url="https://xerces.apache.org/xerces2-j/features.html#disallow-doctype-decl")

# ---------------- removed guards (expected on the old side) ----------------
case("fw-java-servlet-dom-removed-guard-xxe-pos", J, "xxe", "positive", [
    mod("src/main/java/com/acme/edi/web/OrderXmlServlet.java", '''
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);⟪-!⟫
            Document doc = dbf.newDocumentBuilder().parse(req.getInputStream());
            resp.getWriter().print(OrderImporter.importOrders(doc));
''', '''
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            Document doc = dbf.newDocumentBuilder().parse(req.getInputStream());
            resp.getWriter().print(OrderImporter.importOrders(doc));
''', start=15, dedent=False)], "the diff deletes disallow-doctype-decl before parsing the request body; reported on the removed line",
    "https://xerces.apache.org/xerces2-j/features.html#disallow-doctype-decl")
