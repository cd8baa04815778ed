import pickle
import jsonpickle
import requests
import urllib.request
import yaml
from django.http import HttpResponseRedirect
from flask import Flask, redirect, request
from lxml import etree
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().shop


@app.route("/login/done")
def login_done():
    target = request.args.get("next")
    # ruleid: open_redirect
    return redirect(target)


@app.route("/login/home")
def login_home():
    # ok: open_redirect
    return redirect("/home")


def django_done(request):
    nxt = request.GET.get("next")
    # ruleid: open_redirect
    return HttpResponseRedirect(nxt)


@app.route("/preview")
def preview():
    url = request.args.get("url")
    # ruleid: ssrf
    page = requests.get(url, timeout=5)
    # ruleid: ssrf
    body = urllib.request.urlopen(request.args.get("feed")).read()
    # ok: ssrf
    status = requests.get("https://status.example.com/api", timeout=5)
    return page.text + str(body) + status.text


@app.route("/import", methods=["POST"])
def import_data():
    blob = request.get_data()
    # ruleid: insecure_deserialization
    obj = pickle.loads(blob)
    # ruleid: insecure_deserialization
    cfg = yaml.load(request.form["cfg"])
    # ok: insecure_deserialization
    safe = yaml.load(request.form["cfg"], Loader=yaml.SafeLoader)
    # ok: insecure_deserialization
    other = yaml.safe_load(request.form["cfg"])
    # ruleid: insecure_deserialization
    state = jsonpickle.decode(request.form["state"])
    return str((obj, cfg, safe, other, state))


@app.route("/xml", methods=["POST"])
def parse_xml():
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: xxe
    tree = etree.fromstring(request.data, parser)
    return tree.tag


@app.route("/xml-safe", methods=["POST"])
def parse_xml_safe():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: xxe
    tree = etree.fromstring(request.data, parser)
    return tree.tag


@app.route("/users/search", methods=["POST"])
def search_users():
    query = request.get_json()
    # ruleid: nosql_injection
    found = db.users.find(query)
    # ok: nosql_injection
    named = db.users.find({"name": str(query["name"])})
    return str(list(found)) + str(list(named))
