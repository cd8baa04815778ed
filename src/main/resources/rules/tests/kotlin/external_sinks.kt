import io.ktor.server.application.*
import io.ktor.server.response.*
import io.ktor.server.routing.*
import java.io.ByteArrayInputStream
import java.io.ObjectInputStream
import java.util.Base64

fun Route.externalRoutes() {
    get("/login/done") {
        val next = call.request.queryParameters["next"]
        // ruleid: open_redirect
        call.respondRedirect(next)
    }
    get("/login/home") {
        // ok: open_redirect
        call.respondRedirect("/home")
    }
    post("/restore") {
        // ruleid: insecure_deserialization
        val input = ObjectInputStream(ByteArrayInputStream(Base64.getDecoder().decode(call.request.queryParameters["state"])))
        call.respondText(input.readObject().toString())
    }
}
