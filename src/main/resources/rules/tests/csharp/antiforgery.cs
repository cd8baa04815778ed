using Microsoft.AspNetCore.Mvc;

public class AccountController : Controller
{
    [HttpPost]
    // ruleid: csrf
    [IgnoreAntiforgeryToken]
    public IActionResult ChangeEmail(string email)
    {
        return RedirectToAction("Index");
    }

    [HttpPost]
    // ok: csrf
    [ValidateAntiForgeryToken]
    public IActionResult ChangeName(string name)
    {
        return RedirectToAction("Index");
    }
}

public static class Endpoints
{
    public static void Map(WebApplication app)
    {
        // ruleid: csrf
        app.MapPost("/todo", (Todo todo) => Results.Ok(todo)).DisableAntiforgery();
        // ok: csrf
        app.MapPost("/note", (Note note) => Results.Ok(note)).RequireAuthorization();
    }
}
