import json
from django.http import HttpResponse
from django.template import loader
from django.shortcuts import render
from flask import make_response, request as flask_request

def a(request):
    # ruleid: xss
    return HttpResponse(request.GET.get("q"))

def b(request):
    # ok: xss
    return HttpResponse(json.dumps({"q": request.GET.get("q")}), content_type="application/json")

def c(request):
    # ok: xss
    return HttpResponse(loader.get_template("a.html").render({"q": request.GET["q"]}, request))

def d(request):
    q = request.GET.get("q")
    # ok: xss
    return HttpResponse(q, content_type="text/plain")

def e():
    q = flask_request.args.get("q")
    # ruleid: xss
    return make_response(q)

def f(request):
    # ok: xss
    return render(request, "a.html", {"q": request.GET["q"]})
