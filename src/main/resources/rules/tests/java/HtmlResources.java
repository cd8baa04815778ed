package com.acme.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Path("/greeting")
public class HtmlResources {
    @GET
    @Produces(MediaType.TEXT_HTML)
    public String greet(@QueryParam("name") String name) {
        // ruleid: xss
        return "<html><body><h1>Welcome, " + name + "</h1></body></html>";
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String greetJson(@QueryParam("name") String name) {
        // ok: xss
        return "<html><body><h1>Welcome, " + name + "</h1></body></html>";
    }

    @GetMapping(value = "/badge", produces = MediaType.TEXT_HTML_VALUE)
    public String badge(@RequestParam String service) {
        // ruleid: xss
        return "<span class=\"badge\">" + service + " is operational</span>";
    }
}
