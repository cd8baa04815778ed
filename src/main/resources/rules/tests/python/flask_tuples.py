# Flask view return values and make_response(): "a tuple in the form (body, status), (body,
# headers), or (body, status, headers)" (https://flask.palletsprojects.com/en/3.0.x/quickstart/#about-responses,
# https://flask.palletsprojects.com/en/3.0.x/api/#flask.make_response). Only the body is HTML;
# header values are not.
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/tag")
def tag():
    label = request.args.get("label", "")
    # ok: xss
    resp = make_response(("Your label is in a header.", {"X-Label": label}))
    return resp


@app.route("/tag-body")
def tag_body():
    label = request.args.get("label", "")
    # ruleid: xss
    resp = make_response((f"<b>{label}</b>", 200))
    return resp


@app.route("/greet")
def greet():
    who = request.args.get("who", "")
    # ok: xss
    return "Greeting sent.", 202, {"X-Greeted": who}


@app.route("/greet-body")
def greet_body():
    who = request.args.get("who", "")
    # ruleid: xss
    return f"Hello {who}", 200
