from flask import Blueprint, request, jsonify
from django.utils.html import format_html

bp = Blueprint("pages", __name__)


@bp.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: xss
    return f"<h2>Results for {q}</h2>"


@bp.route("/search.json")
def search_json():
    q = request.args.get("q", "")
    # ok: xss
    return jsonify(query=q)


@bp.route("/plain")
def plain():
    q = request.args.get("q", "")
    # ok: xss
    return "<h2>Results</h2>"


def helper(q):
    # ok: xss
    return f"<h2>{q}</h2>"


def greet(request):
    name = request.GET.get("name", "guest")
    # ok: xss
    safe = format_html("<p>Welcome back, <b>{}</b></p>", name)
    # ruleid: xss
    unsafe = format_html(f"<p>Welcome back, <b>{name}</b></p>")
    return safe
