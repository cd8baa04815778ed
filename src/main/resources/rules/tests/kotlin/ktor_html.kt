package com.acme.routes

import io.ktor.http.ContentType
import io.ktor.server.application.call
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.get

fun Route.hello() {
    get("/hello") {
        val name = call.request.queryParameters["name"] ?: "world"
        // ruleid: xss
        call.respondText("<h1>Hello, $name</h1>", ContentType.Text.Html)
    }
    get("/hello.txt") {
        val name = call.request.queryParameters["name"] ?: "world"
        // ok: xss
        call.respondText("Hello, $name")
    }
}
