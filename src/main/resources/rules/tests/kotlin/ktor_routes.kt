import java.io.File

fun readReport(call: ApplicationCall) {
    val name = call.request.queryParameters["name"]
    // ruleid: path_traversal
    val text = File("/srv/reports/" + name).readText()
    // ok: path_traversal
    val fixed = File("/srv/reports/index.txt").readText()
    println(text + fixed)
}

fun ping(call: ApplicationCall) {
    val host = call.request.queryParameters["host"]
    // ruleid: command_injection
    Runtime.getRuntime().exec("ping -c 1 " + host)
}
