# XPath 1.0 string literals have no escape sequence (https://www.w3.org/TR/1999/REC-xpath-19991116/#NT-Literal):
# a value placed inside '...' is safe once it cannot hold the quote. OWASP XPath injection
# guidance: refuse or replace the quote characters
# (https://owasp.org/www-community/attacks/XPATH_Injection). lxml xpath():
# https://lxml.de/xpathxslt.html#xpath ; elementpath.select: https://elementpath.readthedocs.io/
import elementpath
from flask import Flask, abort, request
from lxml import etree

app = Flask(__name__)
tree = etree.parse("staff.xml")


@app.route("/staff")
def staff():
    emp = request.args.get("id", "")
    # ruleid: xpath_injection
    rows = tree.xpath(f"/staff/person[@id='{emp}']")
    return str(len(rows))


@app.route("/staff/checked")
def staff_checked():
    emp = request.args.get("id", "")
    if "'" in emp:
        abort(400)
    # ok: xpath_injection
    rows = tree.xpath(f"/staff/person[@id='{emp}']")
    return str(len(rows))


@app.route("/staff/replaced")
def staff_replaced():
    emp = request.args.get("id", "")
    # ok: xpath_injection
    rows = elementpath.select(tree, "/staff/person[@id='" + emp.replace("'", "&apos;") + "']")
    return str(len(rows))


@app.route("/staff/bound")
def staff_bound():
    emp = request.args.get("id", "")
    # ok: xpath_injection
    rows = tree.xpath("/staff/person[@id=$emp]", emp=emp)
    return str(len(rows))
