var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/welcome", (HttpRequest request) =>
{
    string name = request.Query["name"];
    // ruleid: xss
    return Results.Content($"<h1>Welcome, {name}</h1>", "text/html");
});

app.MapGet("/welcome.txt", (HttpRequest request) =>
{
    string name = request.Query["name"];
    // ok: xss
    return Results.Content($"Welcome, {name}", "text/plain");
});

app.Run();
