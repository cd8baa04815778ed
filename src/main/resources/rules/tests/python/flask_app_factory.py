# Flask application factory (https://flask.palletsprojects.com/en/3.0.x/patterns/appfactories/,
# https://flask.palletsprojects.com/en/3.0.x/tutorial/factory/): views are declared inside
# create_app(); a returned string is a text/html response body
# (https://flask.palletsprojects.com/en/3.0.x/quickstart/#about-responses).
import xml.dom.minidom
import xml.sax
import xml.sax.handler

from flask import Flask, jsonify, request


class FormReader:
    """An application's own wrapper around the request object."""

    def __init__(self, req):
        self.req = req

    def field(self, name):
        return self.req.form.get(name)


def create_app():
    app = Flask(__name__)

    @app.route("/hello")
    def hello():
        name = request.args.get("name", "")
        # ruleid: xss
        return f"<p>Hello {name}</p>"

    @app.route("/hello.json")
    def hello_json():
        name = request.args.get("name", "")
        # ok: xss
        return jsonify(greeting=name)

    @app.route("/echo", methods=["POST"])
    def echo():
        body = ""
        comment = request.form.get("comment", "")
        shown = comment
        shown = "thanks"
        body += f"You said: {shown}"
        # ok: xss
        return body

    @app.route("/echo-form", methods=["POST"])
    def echo_form():
        text = FormReader(request).field("text")
        # ruleid: xss
        return "You wrote: " + text

    @app.route("/import", methods=["POST"])
    def import_doc():
        parser = xml.sax.make_parser()
        parser.setFeature(xml.sax.handler.feature_external_ges, True)
        # ruleid: xxe
        doc = xml.dom.minidom.parseString(request.form["doc"], parser)
        return jsonify(root=doc.documentElement.tagName)

    return app


def create_safe_app():
    app = Flask(__name__)

    @app.route("/import", methods=["POST"])
    def import_doc():
        # minidom with its default expat parser does not fetch external entities
        # ok: xxe
        doc = xml.dom.minidom.parseString(request.form["doc"])
        return jsonify(root=doc.documentElement.tagName)

    return app
