"""Python: stdlib, Flask, Django, FastAPI, SQLAlchemy, pymongo, lxml, PyYAML, ldap3."""
from gen import twin, case, new, mod

L = "python"

# ---------------- Flask ----------------
FLASK_HEAD = '''
from flask import Flask, request, redirect, session, render_template, abort, url_for
'''

twin("flask", L, "xss", "app/search.py", '''
from flask import Blueprint, request, render_template

bp = Blueprint("search", __name__)


@bp.route("/search")
def search():
    q = request.args.get("q", "")
    <<X>>
''', 'return f"<h2>Results for {q}</h2><p>No products matched.</p>"⟪!⟫',
    'return render_template("search.html", q=q)',
    "Flask view returns an f-string with the q query parameter; a str return value is sent as text/html",
    "value rendered through render_template: Jinja autoescaping is on for .html templates",
    "https://flask.palletsprojects.com/en/stable/quickstart/#html-escaping",
    neg_url="https://flask.palletsprojects.com/en/stable/templating/#jinja-setup")

twin("flask-markup", L, "xss", "app/profile.py", '''
from flask import Blueprint, request
from markupsafe import Markup

bp = Blueprint("profile", __name__)


@bp.post("/profile/preview")
def preview():
    name = request.form["display_name"]
    <<X>>
    return {"html": str(badge)}
''', 'badge = Markup(f"<span class=\\"badge\\">{name}</span>")⟪!⟫',
    'badge = Markup("<span class=\\"badge\\">{}</span>").format(name)',
    "Markup() around an f-string marks user input as safe HTML",
    "Markup.format escapes its arguments before interpolation",
    "https://markupsafe.palletsprojects.com/en/stable/formatting/")

case("fw-python-jinja-safe-xss-pos", L, "xss", "positive", [
    new("app/templates/comments/show.html", '''
{% extends "base.html" %}
{% block content %}
  <article class="comment">
    <h3>{{ comment.author }}</h3>
    <div class="body">{{ comment.body|safe }}</div>⟪!⟫
  </article>
{% endblock %}
'''),
    new("app/comments.py", '''
from flask import Blueprint, request, render_template

bp = Blueprint("comments", __name__)


@bp.route("/comments/preview", methods=["POST"])
def preview():
    comment = {"author": request.form["author"], "body": request.form["body"]}
    return render_template("comments/show.html", comment=comment)
''')], "Jinja |safe filter disables autoescaping for a comment body taken from the form",
    "https://jinja.palletsprojects.com/en/stable/templates/#working-with-automatic-escaping")

case("fw-python-jinja-safe-xss-neg", L, "xss", "negative", [
    new("app/templates/comments/show.html", '''
{% extends "base.html" %}
{% block content %}
  <article class="comment">
    <h3>{{ comment.author }}</h3>
    <div class="body">{{ comment.body }}</div>
  </article>
{% endblock %}
'''),
    new("app/comments.py", '''
from flask import Blueprint, request, render_template

bp = Blueprint("comments", __name__)


@bp.route("/comments/preview", methods=["POST"])
def preview():
    comment = {"author": request.form["author"], "body": request.form["body"]}
    return render_template("comments/show.html", comment=comment)
''')], "template prints the body with {{ }} and autoescaping on",
    "https://jinja.palletsprojects.com/en/stable/templates/#working-with-automatic-escaping")

twin("flask", L, "open_redirect", "app/auth.py", '''
from urllib.parse import urlsplit

from flask import Blueprint, request, redirect, url_for
from flask_login import login_user

bp = Blueprint("auth", __name__)


@bp.post("/login")
def login():
    user = authenticate(request.form["email"], request.form["password"])
    if user is None:
        return redirect(url_for("auth.login_form", error=1))
    login_user(user)
    target = request.args.get("next", "/")
    <<X>>
''', 'return redirect(target)⟪!⟫', '''
parts = urlsplit(target)
if parts.scheme or parts.netloc or not target.startswith("/"):
    target = url_for("dashboard.index")
return redirect(target)''',
    "login view redirects to the next query parameter without checking it stays on this site",
    "next is accepted only as a relative path without scheme or host; anything else goes to the dashboard",
    "https://flask.palletsprojects.com/en/stable/api/#flask.redirect")

twin("flask", L, "trust_boundary", "app/tenant.py", '''
from flask import Blueprint, request, session, redirect, url_for

bp = Blueprint("tenant", __name__)


@bp.post("/switch-tenant")
def switch_tenant():
    <<X>>
    return redirect(url_for("dashboard.index"))
''', 'session["tenant_id"] = request.form["tenant_id"]⟪!⟫', '''
membership = Membership.query.filter_by(user_id=current_user.id, tenant_id=int(request.form["tenant_id"])).first_or_404()
session["tenant_id"] = membership.tenant_id''',
    "request form value stored in the Flask session, which later code trusts as the active tenant",
    "session receives the tenant id of a membership row looked up for the logged-in user",
    "https://flask.palletsprojects.com/en/stable/api/#sessions")

twin("flask", L, "ssrf", "app/webhooks.py", '''
from urllib.parse import urlsplit

import requests
from flask import Blueprint, abort, current_app, request

bp = Blueprint("webhooks", __name__,
    before='resp = requests.post(current_app.config["SLACK_TEST_HOOK"], json={"text": "test"}, timeout=5)')

ALLOWED_HOSTS = {"hooks.slack.com", "api.pagerduty.com"}


@bp.post("/integrations/test")
def test_integration():
    url = request.json["url"]
    <<X>>
    return {"status": resp.status_code}
''', 'resp = requests.post(url, json={"text": "test"}, timeout=5)⟪!⟫', '''
if urlsplit(url).scheme != "https" or urlsplit(url).hostname not in ALLOWED_HOSTS:
    abort(400)
resp = requests.post(url, json={"text": "test"}, timeout=5)''',
    "requests.post to a URL taken from the JSON body: the server can be made to call internal hosts",
    "scheme and host are checked against a fixed allow-list before the request",
    "https://requests.readthedocs.io/en/latest/user/quickstart/#make-a-request")

twin("flask-pickle", L, "insecure_deserialization", "app/cart.py", '''
import base64
import json
import pickle

from flask import Blueprint, request

bp = Blueprint("cart", __name__)


@bp.route("/cart")
def show_cart():
    raw = base64.b64decode(request.cookies.get("cart", ""))
    <<X>>
    return {"items": items}
''', 'items = pickle.loads(raw) if raw else []⟪!⟫', 'items = json.loads(raw) if raw else []',
    "pickle.loads on a cookie value: unpickling attacker data runs arbitrary code",
    "cookie parsed as JSON, which yields only plain data",
    "https://docs.python.org/3/library/pickle.html", neg_url="https://docs.python.org/3/library/json.html")

twin("flask-yaml", L, "insecure_deserialization", "app/imports.py", '''
import yaml
from flask import Blueprint, request

bp = Blueprint("imports", __name__)


@bp.post("/pipelines/import")
def import_pipeline():
    <<X>>
    return {"steps": len(spec.get("steps", []))}
''', 'spec = yaml.load(request.get_data(), Loader=yaml.Loader)⟪!⟫', 'spec = yaml.safe_load(request.get_data())',
    "yaml.load with the full Loader on the request body can construct arbitrary Python objects",
    "yaml.safe_load builds only standard YAML types",
    "https://pyyaml.org/wiki/PyYAMLDocumentation")

twin("flask-lxml", L, "xxe", "app/feeds.py", '''
from flask import Blueprint, request
<<Y>>

bp = Blueprint("feeds", __name__)


@bp.post("/feeds/opml")
def import_opml():
    <<X>>
    return {"feeds": [o.get("xmlUrl") for o in root.iter("outline")]}
''', {"Y": "from lxml import etree",
      "X": 'root = etree.fromstring(request.get_data(), etree.XMLParser(resolve_entities=True, no_network=False))⟪!⟫'},
    {"Y": "from defusedxml.ElementTree import fromstring", "X": "root = fromstring(request.get_data())"},
    "lxml parser with entity resolution and network access parses the uploaded OPML",
    "defusedxml refuses DTD entity declarations and external references",
    "https://lxml.de/api/lxml.etree.XMLParser-class.html",
    neg_url="https://docs.python.org/3/library/xml.html#the-defusedxml-package")

twin("stdlib-sax", L, "xxe", "importer/views.py", '''
import xml.sax
from xml.sax.handler import feature_external_ges

from flask import Blueprint, request

from .handlers import ProductHandler

bp = Blueprint("importer", __name__)


@bp.post("/import/products")
def import_products():
    handler = ProductHandler()
    parser = xml.sax.make_parser()
    parser.setContentHandler(handler)
    <<X>>
    return {"imported": handler.count}
''', '''
parser.setFeature(feature_external_ges, True)
parser.parse(request.stream)⟪!⟫''', '''
parser.setFeature(feature_external_ges, False)
parser.parse(request.stream)''',
    "SAX parser turns on external general entities and parses the request body",
    "external general entities explicitly off (the documented default since Python 3.7.1)",
    "https://docs.python.org/3/library/xml.sax.handler.html#xml.sax.handler.feature_external_ges")

twin("pymongo", L, "nosql_injection", "app/orders.py", '''
from flask import Blueprint, request
from .db import mongo

bp = Blueprint("orders", __name__)


@bp.route("/orders")
def list_orders():
    customer = request.args.get("customer", "")
    <<X>>
    return {"orders": [dict(o, _id=str(o["_id"])) for o in cursor]}
''', 'cursor = mongo.db.orders.find({"$where": f"this.customer == \'{customer}\'"})⟪!⟫',
    'cursor = mongo.db.orders.find({"customer": str(customer)})',
    "a $where JavaScript expression is built with an f-string from the query string",
    "equality filter on a field with the value forced to str: no operator can be injected",
    "https://www.mongodb.com/docs/manual/reference/operator/query/where/",
    neg_url="https://pymongo.readthedocs.io/en/stable/api/pymongo/collection.html#pymongo.collection.Collection.find")

twin("pymongo-body", L, "nosql_injection", "app/accounts.py", '''
from flask import Blueprint, abort, current_app, request
from .db import mongo

bp = Blueprint("accounts", __name__)


@bp.post("/accounts/lookup")
def lookup():
    body = request.get_json()
    <<X>>
    if account is None:
        abort(404)
    return {"id": str(account["_id"])}
''', 'account = mongo.db.accounts.find_one({"email": body["email"], "api_key": body["api_key"]})⟪!⟫',
    'account = mongo.db.accounts.find_one({"email": str(body["email"]), "api_key": str(body["api_key"])})',
    "JSON body values go into the filter as-is; {\"$ne\": null} matches any account",
    "values coerced to str, so a JSON object cannot become a query operator",
    "https://pymongo.readthedocs.io/en/stable/api/pymongo/collection.html#pymongo.collection.Collection.find_one")

# ---------------- Django ----------------
twin("django", L, "sql_injection", "inventory/views.py", '''
from django.db import connection
from django.http import JsonResponse


def stock_level(request):
    sku = request.GET["sku"]
    with connection.cursor() as cursor:
        <<X>>
        row = cursor.fetchone()
    return JsonResponse({"sku": sku, "on_hand": row[0] if row else 0})
''', 'cursor.execute(f"SELECT on_hand FROM inventory_stock WHERE sku = \'{sku}\'")⟪!⟫',
    'cursor.execute("SELECT on_hand FROM inventory_stock WHERE sku = %s", [sku])',
    "raw cursor.execute with an f-string containing a query parameter",
    "placeholder %s with params list: the driver binds the value",
    "https://docs.djangoproject.com/en/5.0/topics/db/sql/#executing-custom-sql-directly")

twin("django-extra", L, "sql_injection", "orders/views.py", '''
from django.shortcuts import render
from .models import Order


def order_list(request):
    status = request.GET.get("status", "open")
    <<X>>
    return render(request, "orders/list.html", {"orders": orders})
''', 'orders = Order.objects.extra(where=[f"status = \'{status}\'"]).order_by("-created")⟪!⟫',
    'orders = Order.objects.extra(where=["status = %s"], params=[status]).order_by("-created")',
    "QuerySet.extra where clause built from the status query parameter",
    "extra() with %s placeholder and params, as the Django docs require",
    "https://docs.djangoproject.com/en/5.0/ref/models/querysets/#extra")

twin("django", L, "xss", "blog/views.py", '''
from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def greet(request):
    name = request.GET.get("name", "guest")
    <<X>>
''', 'return HttpResponse(mark_safe(f"<p>Welcome back, <b>{name}</b></p>"))⟪!⟫',
    'return HttpResponse(format_html("<p>Welcome back, <b>{}</b></p>", name))',
    "mark_safe around an f-string with a request parameter",
    "format_html escapes each argument, the documented replacement for mark_safe with formatting",
    "https://docs.djangoproject.com/en/5.0/ref/utils/#django.utils.safestring.mark_safe",
    neg_url="https://docs.djangoproject.com/en/5.0/ref/utils/#django.utils.html.format_html")

twin("django-response", L, "xss", "catalog/views.py", '''
from django.http import HttpResponse, JsonResponse
from .models import Product


def product_search(request):
    term = request.GET.get("term", "")
    count = Product.objects.filter(name__icontains=term).count()
    <<X>>
''', 'return HttpResponse(f"<div class=\\"hits\\">{count} results for {term}</div>")⟪!⟫',
    'return JsonResponse({"term": term, "count": count})',
    "HttpResponse (text/html by default) built from the search term",
    "JsonResponse serialises the term as JSON (application/json), not HTML",
    "https://docs.djangoproject.com/en/5.0/ref/request-response/#httpresponse-objects",
    neg_url="https://docs.djangoproject.com/en/5.0/ref/request-response/#jsonresponse-objects")

twin("django", L, "open_redirect", "accounts/views.py", '''
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def after_login(request):
    next_url = request.GET.get("next", "/")
    <<X>>
''', 'return HttpResponseRedirect(next_url)⟪!⟫', '''
if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
    next_url = reverse("home")
return HttpResponseRedirect(next_url)''',
    "HttpResponseRedirect to the next parameter as given",
    "url_has_allowed_host_and_scheme limits next to this host, as Django's own LoginView does",
    "https://docs.djangoproject.com/en/5.0/ref/request-response/#django.http.HttpResponseRedirect",
    neg_url="https://docs.djangoproject.com/en/5.0/topics/auth/default/#django.contrib.auth.views.LoginView",
    before='return HttpResponseRedirect(reverse("home"))')

twin("django", L, "trust_boundary", "billing/views.py", '''
from django.shortcuts import redirect, get_object_or_404
from .models import Plan


def choose_plan(request):
    <<X>>
    return redirect("billing:checkout")
''', 'request.session["discount_percent"] = request.POST.get("discount", "0")⟪!⟫', '''
plan = get_object_or_404(Plan, slug=request.POST["plan"], public=True)
request.session["plan_id"] = plan.pk''',
    "client-sent discount stored in the session and later trusted at checkout",
    "session stores the id of a plan looked up among public plans",
    "https://docs.djangoproject.com/en/5.0/topics/http/sessions/#using-sessions-in-views")

twin("django", L, "path_traversal", "reports/views.py", '''
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404

REPORT_DIR = Path(settings.MEDIA_ROOT) / "reports"


def download(request):
    name = request.GET["file"]
    <<X>>
    return FileResponse(open(path, "rb"), as_attachment=True)
''', 'path = REPORT_DIR / name⟪!⟫', '''
path = (REPORT_DIR / name).resolve()
if not path.is_relative_to(REPORT_DIR.resolve()):
    raise Http404("no such report")''',
    "file name from the query string joined onto the report directory and opened",
    "path resolved and required to stay inside the report directory",
    "https://docs.djangoproject.com/en/5.0/ref/request-response/#fileresponse-objects",
    neg_url="https://docs.python.org/3/library/pathlib.html#pathlib.PurePath.is_relative_to")

twin("django", L, "command_injection", "media/views.py", '''
import subprocess

from django.http import JsonResponse


def thumbnail(request, upload_id):
    size = request.POST.get("size", "200x200")
    src = f"/srv/uploads/{upload_id}.jpg"
    <<X>>
    return JsonResponse({"ok": True})
''', 'subprocess.run(f"convert {src} -resize {size} /srv/thumbs/{upload_id}.jpg", shell=True, check=True)⟪!⟫',
    'subprocess.run(["convert", src, "-resize", size, f"/srv/thumbs/{upload_id}.jpg"], check=True)',
    "shell=True command line with the size form field interpolated",
    "argument list without a shell; size is one argv entry",
    "https://docs.python.org/3/library/subprocess.html#security-considerations")

# ---------------- FastAPI / SQLAlchemy ----------------
twin("fastapi-sqlalchemy", L, "sql_injection", "api/routes/items.py", '''
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from ..db import get_session

router = APIRouter()


@router.get("/items")
def search_items(q: str, session: Session = Depends(get_session)):
    <<X>>
    return [dict(r._mapping) for r in rows]
''', 'rows = session.execute(text(f"SELECT id, name FROM items WHERE name ILIKE \'%{q}%\'")).all()⟪!⟫',
    'rows = session.execute(text("SELECT id, name FROM items WHERE name ILIKE :pattern"), {"pattern": f"%{q}%"}).all()',
    "SQLAlchemy text() built with an f-string from the q query parameter",
    "text() with a :pattern bound parameter; only the bound value contains the user input",
    "https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text")

twin("sqlalchemy-order", L, "sql_injection", "api/routes/users.py", '''
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..db import get_session
from ..models import User

router = APIRouter()
SORTABLE = {"name": User.name, "created": User.created_at}


@router.get("/users")
def list_users(sort: str = "name", session: Session = Depends(get_session)):
    <<X>>
    return [u.to_dict() for u in session.scalars(stmt)]
''', 'stmt = select(User).order_by(text(sort))⟪!⟫', '''
if sort not in SORTABLE:
    raise HTTPException(status_code=400, detail="unknown sort key")
stmt = select(User).order_by(SORTABLE[sort])''',
    "ORDER BY clause from a query parameter wrapped in text()",
    "sort key mapped through an allow-list of mapped columns",
    "https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text")

twin("fastapi", L, "xss", "api/routes/pages.py", '''
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/welcome")
def welcome(name: str = "there"):
    <<X>>
''', 'return HTMLResponse(content=f"<html><body><h1>Hi {name}!</h1></body></html>")⟪!⟫',
    'return {"greeting": f"Hi {name}!"}',
    "HTMLResponse content built from a query parameter",
    "dict return value is serialised by FastAPI as application/json",
    "https://fastapi.tiangolo.com/advanced/custom-response/#htmlresponse",
    neg_url="https://fastapi.tiangolo.com/tutorial/first-steps/")

twin("fastapi", L, "open_redirect", "api/routes/sso.py", '''
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

router = APIRouter()


@router.get("/sso/callback")
async def sso_callback(request: Request, code: str, return_to: str = "/"):
    await exchange_code(request, code)
    <<X>>
''', 'return RedirectResponse(url=return_to)⟪!⟫',
    'return RedirectResponse(url=request.url_for("dashboard"))',
    "RedirectResponse to the return_to query parameter",
    "redirect target built with url_for from a route name",
    "https://fastapi.tiangolo.com/advanced/custom-response/#redirectresponse")

twin("fastapi", L, "ssrf", "api/routes/previews.py", '''
from urllib.parse import urlsplit

import httpx
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()
ALLOWED = {"www.youtube.com", "vimeo.com"}


class PreviewIn(BaseModel):
    url: str


@router.post("/previews")
async def preview(body: PreviewIn):
    <<X>>
    return {"status": r.status_code, "title": extract_title(r.text)}
''', '''
async with httpx.AsyncClient(timeout=5) as client:
    r = await client.get(body.url)⟪!⟫''', '''
if urlsplit(body.url).hostname not in ALLOWED:
    raise HTTPException(status_code=400, detail="host not allowed")
async with httpx.AsyncClient(timeout=5) as client:
    r = await client.get(body.url)''',
    "httpx client fetches a URL from the request body",
    "host must be in a fixed allow-list before the fetch",
    "https://www.python-httpx.org/async/")

twin("fastapi", L, "path_traversal", "api/routes/exports.py", '''
import os

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter()
EXPORT_DIR = os.path.realpath("/var/lib/app/exports")


@router.get("/exports/{filename}")
def get_export(filename: str):
    <<X>>
    return FileResponse(path)
''', 'path = os.path.join(EXPORT_DIR, filename)⟪!⟫', '''
path = os.path.realpath(os.path.join(EXPORT_DIR, filename))
if os.path.commonpath([path, EXPORT_DIR]) != EXPORT_DIR:
    raise HTTPException(status_code=404)''',
    "path parameter joined onto the export directory and served",
    "realpath then commonpath check keeps the file under the export directory",
    "https://fastapi.tiangolo.com/advanced/custom-response/#fileresponse",
    neg_url="https://docs.python.org/3/library/os.path.html#os.path.commonpath")

# ---------------- stdlib ----------------
twin("stdlib-http", L, "xss", "tools/status_server.py", '''
import html
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit


class StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        params = parse_qs(urlsplit(self.path).query)
        job = params.get("job", [""])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        <<X>>
''', 'self.wfile.write(f"<p>Job {job} is queued</p>".encode())⟪!⟫',
    'self.wfile.write(f"<p>Job {html.escape(job)} is queued</p>".encode())',
    "http.server handler writes a query parameter into an HTML body",
    "html.escape applied to the value before it is written",
    "https://docs.python.org/3/library/http.server.html#http.server.BaseHTTPRequestHandler",
    neg_url="https://docs.python.org/3/library/html.html#html.escape")

twin("stdlib-sqlite3", L, "sql_injection", "notes/store.py", '''
import sqlite3

from flask import Blueprint, request

bp = Blueprint("notes", __name__)


@bp.route("/notes")
def notes():
    conn = sqlite3.connect("notes.db")
    tag = request.args["tag"]
    <<X>>
    return {"notes": [r[0] for r in rows]}
''', 'rows = conn.execute("SELECT title FROM notes WHERE tag = \'%s\'" % tag).fetchall()⟪!⟫',
    'rows = conn.execute("SELECT title FROM notes WHERE tag = ?", (tag,)).fetchall()',
    "sqlite3 query built with % formatting from a request argument",
    "qmark placeholder with a parameters tuple",
    "https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders")

twin("stdlib-eval", L, "code_injection", "calc/views.py", '''
import ast

from flask import Blueprint, request

bp = Blueprint("calc", __name__)


@bp.post("/calc/defaults")
def parse_defaults():
    expr = request.form["defaults"]
    <<X>>
    return {"defaults": value}
''', 'value = eval(expr)⟪!⟫', 'value = ast.literal_eval(expr)',
    "eval on a form field runs arbitrary Python",
    "ast.literal_eval accepts only literals",
    "https://docs.python.org/3/library/functions.html#eval",
    neg_url="https://docs.python.org/3/library/ast.html#ast.literal_eval")

twin("stdlib-os", L, "command_injection", "netdiag/views.py", '''
import os
import subprocess

from flask import Blueprint, request

bp = Blueprint("netdiag", __name__)


@bp.route("/diag/dns")
def dns_lookup():
    host = request.args["host"]
    <<X>>
    return {"output": out}
''', 'out = os.popen("nslookup " + host).read()⟪!⟫',
    'out = subprocess.run(["nslookup", "--", host], capture_output=True, text=True, timeout=10).stdout',
    "os.popen runs a shell command line with the host parameter appended",
    "argument list, no shell, -- ends option parsing",
    "https://docs.python.org/3/library/os.html#os.popen",
    neg_url="https://docs.python.org/3/library/subprocess.html#security-considerations")

twin("ldap3", L, "ldap_injection", "directory/lookup.py", '''
from flask import Blueprint, request
from ldap3.utils.conv import escape_filter_chars

from .ldap import connection

bp = Blueprint("directory", __name__)


@bp.route("/directory")
def find_person():
    uid = request.args["uid"]
    conn = connection()
    <<X>>
    return {"entries": [e.entry_to_json() for e in conn.entries]}
''', 'conn.search("ou=people,dc=example,dc=com", f"(uid={uid})", attributes=["cn", "mail"])⟪!⟫',
    'conn.search("ou=people,dc=example,dc=com", f"(uid={escape_filter_chars(uid)})", attributes=["cn", "mail"])',
    "LDAP filter built from a query parameter without escaping",
    "escape_filter_chars escapes the value before it enters the filter",
    "https://ldap3.readthedocs.io/en/latest/searches.html")

twin("lxml", L, "xpath_injection", "catalog/xml_search.py", '''
from flask import Blueprint, request
from lxml import etree

bp = Blueprint("xml_search", __name__)
TREE = etree.parse("data/catalog.xml")


@bp.route("/catalog/by-author")
def by_author():
    author = request.args["author"]
    <<X>>
    return {"titles": [b.findtext("title") for b in books]}
''', 'books = TREE.xpath(f"//book[author=\'{author}\']")⟪!⟫',
    'books = TREE.xpath("//book[author=$author]", author=author)',
    "XPath expression built with an f-string from a request argument",
    "XPath variable $author bound by lxml",
    "https://lxml.de/xpathxslt.html#the-xpath-method")

case("fw-python-pytest-command_injection-neg", L, "command_injection", "negative", [
    new("tests/test_git_export.py", '''
import subprocess

from app.export import export_repository


def test_export_includes_tags(tmp_path):
    repo = tmp_path / "repo"
    subprocess.run(f"git init -q {repo} && git -C {repo} commit -q --allow-empty -m init && git -C {repo} tag v1", shell=True, check=True)
    archive = export_repository(repo, tmp_path / "out.tar")
    assert "v1" in archive.tags
''')], "shell command in a pytest test built from the tmp_path fixture; no untrusted input",
    "https://docs.pytest.org/en/stable/how-to/tmp_path.html")

# ---------------- removed guards (expected on the old side) ----------------
case("fw-python-fastapi-removed-guard-path_traversal-pos", L, "path_traversal", "positive", [
    mod("api/routes/exports.py", '''
@router.get("/exports/{filename}")
def get_export(filename: str):
    path = os.path.realpath(os.path.join(EXPORT_DIR, filename))
    if os.path.commonpath([path, EXPORT_DIR]) != EXPORT_DIR:⟪-!⟫
        raise HTTPException(status_code=404)
    return FileResponse(path)
''', '''
@router.get("/exports/{filename}")
def get_export(filename: str):
    path = os.path.realpath(os.path.join(EXPORT_DIR, filename))
    return FileResponse(path)
''', start=12)], "the diff deletes the commonpath containment check in front of FileResponse; reported on the removed check",
    "https://fastapi.tiangolo.com/advanced/custom-response/#fileresponse")
