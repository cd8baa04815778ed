"""C#: ASP.NET Core MVC and minimal APIs, Razor, ADO.NET, EF Core, Dapper, System.Xml, BinaryFormatter,
Json.NET, HttpClient, MongoDB .NET driver, System.Diagnostics.Process."""
from gen import twin, case, new, mod

C = "csharp"

MVC_HEAD = '''
using Microsoft.AspNetCore.Mvc;
'''

twin("aspnet-mvc", C, "xss", "src/Web/Controllers/SearchController.cs", '''
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

public class SearchController : Controller
{
    [HttpGet("/search/summary")]
    public IActionResult Summary([FromQuery] string q)
    {
        <<X>>
    }
}
''', 'return Content($"<p>No products match <b>{q}</b></p>", "text/html");⟪!⟫',
    'return Json(new { query = q, results = Array.Empty<string>() });',
    "Content() answers text/html with a query parameter interpolated",
    "Json() answers application/json",
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.mvc.controllerbase.content",
    neg_url="https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.mvc.controller.json")

RAZOR_CTRL = '''
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

public class PromoController : Controller
{
    [HttpGet("/promo")]
    public IActionResult Index([FromQuery] string banner)
    {
        ViewData["Banner"] = banner;
        return View();
    }
}
'''
case("fw-csharp-razor-xss-pos", C, "xss", "positive", [
    new("src/Web/Views/Promo/Index.cshtml", '''
@{
    ViewData["Title"] = "Promotions";
}
<h1>@ViewData["Title"]</h1>
<div class="banner">@Html.Raw(ViewData["Banner"])</div>⟪!⟫
'''), new("src/Web/Controllers/PromoController.cs", RAZOR_CTRL)],
    "Razor view writes a query parameter with Html.Raw, bypassing Razor encoding",
    "https://learn.microsoft.com/en-us/aspnet/core/security/cross-site-scripting#html-encoding-using-razor")
case("fw-csharp-razor-xss-neg", C, "xss", "negative", [
    new("src/Web/Views/Promo/Index.cshtml", '''
@{
    ViewData["Title"] = "Promotions";
}
<h1>@ViewData["Title"]</h1>
<div class="banner">@ViewData["Banner"]</div>
'''), new("src/Web/Controllers/PromoController.cs", RAZOR_CTRL)],
    "Razor @ expression HTML-encodes the value",
    "https://learn.microsoft.com/en-us/aspnet/core/security/cross-site-scripting#html-encoding-using-razor")

twin("minimal-api", C, "xss", "src/Api/Program.cs", '''
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/welcome", (string name) =>
    <<X>>

app.Run();
''', 'Results.Content($"<h1>Welcome, {name}</h1>", "text/html"));⟪!⟫', 'Results.Ok(new { greeting = $"Welcome, {name}" }));',
    "minimal API returns text/html content with a query parameter",
    "Results.Ok(object) is written as JSON",
    "https://learn.microsoft.com/en-us/aspnet/core/fundamentals/minimal-apis/responses")

twin("aspnet-mvc", C, "open_redirect", "src/Web/Controllers/AccountController.cs", '''
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

public class AccountController : Controller
{
    [HttpPost]
    public async Task<IActionResult> Login(LoginModel model, string returnUrl = "/")
    {
        if (!await _signIn.PasswordSignInAsync(model.Email, model.Password))
            return View(model);
        <<X>>
    }
}
''', 'return Redirect(returnUrl);⟪!⟫', '''
if (Url.IsLocalUrl(returnUrl))
    return Redirect(returnUrl);
return RedirectToAction("Index", "Home");''',
    "Redirect() to the returnUrl parameter after login",
    "Url.IsLocalUrl check before redirecting, as documented",
    "https://learn.microsoft.com/en-us/aspnet/core/security/preventing-open-redirects",
    before='return RedirectToAction("Index", "Home");')

twin("minimal-api", C, "open_redirect", "src/Api/Endpoints/LinkEndpoints.cs", '''
namespace Api.Endpoints;

public static class LinkEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/continue", (string next) =>
            <<X>>
    }
}
''', 'Results.Redirect(next));⟪!⟫', 'Results.LocalRedirect(next));',
    "Results.Redirect to a query parameter",
    "LocalRedirect throws for non-local URLs",
    "https://learn.microsoft.com/en-us/aspnet/core/security/preventing-open-redirects")

twin("adonet", C, "sql_injection", "src/Web/Controllers/CustomerController.cs", '''
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.SqlClient;

namespace Shop.Web.Controllers;

[ApiController]
public class CustomerController : ControllerBase
{
    private readonly string _connectionString;

    public CustomerController(IConfiguration config) => _connectionString = config.GetConnectionString("Shop")!;

    [HttpGet("/customers")]
    public IActionResult Find([FromQuery] string lastName)
    {
        using var conn = new SqlConnection(_connectionString);
        conn.Open();
        <<X>>
        using var reader = cmd.ExecuteReader();
        return Ok(CustomerReader.ReadAll(reader));
    }
}
''', 'using var cmd = new SqlCommand("SELECT Id, FirstName, LastName FROM Customers WHERE LastName = \'" + lastName + "\'", conn);⟪!⟫', '''
using var cmd = new SqlCommand("SELECT Id, FirstName, LastName FROM Customers WHERE LastName = @lastName", conn);
cmd.Parameters.AddWithValue("@lastName", lastName);''',
    "SqlCommand text concatenated from a query parameter",
    "@lastName parameter added to SqlCommand.Parameters",
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.data.sqlclient.sqlcommand.parameters")

twin("efcore", C, "sql_injection", "src/Web/Controllers/BlogController.cs", '''
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Controllers;

[ApiController]
public class BlogController : ControllerBase
{
    private readonly BlogContext _db;

    public BlogController(BlogContext db) => _db = db;

    [HttpGet("/posts")]
    public async Task<IActionResult> ByAuthor([FromQuery] string author)
    {
        <<X>>
        return Ok(posts);
    }
}
''', 'var posts = await _db.Posts.FromSqlRaw($"SELECT * FROM Posts WHERE Author = \'{author}\'").ToListAsync();⟪!⟫',
    'var posts = await _db.Posts.FromSql($"SELECT * FROM Posts WHERE Author = {author}").ToListAsync();',
    "FromSqlRaw with an interpolated string: the value becomes SQL text",
    "FromSql turns interpolated values into DbParameters",
    "https://learn.microsoft.com/en-us/ef/core/querying/sql-queries")

twin("dapper", C, "sql_injection", "src/Api/Orders/OrderQueries.cs", '''
using Dapper;
using System.Data;

namespace Api.Orders;

public static class OrderQueries
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/orders", async (string status, IDbConnection db) =>
        {
            <<X>>
            return Results.Ok(orders);
        });
    }
}
''', 'var orders = await db.QueryAsync<Order>($"SELECT Id, Total FROM Orders WHERE Status = \'{status}\'");⟪!⟫',
    'var orders = await db.QueryAsync<Order>("SELECT Id, Total FROM Orders WHERE Status = @Status", new { Status = status });',
    "Dapper query text interpolated with a query parameter",
    "Dapper parameter object binds @Status",
    "https://www.learndapper.com/parameters")

twin("binaryformatter", C, "insecure_deserialization", "src/Web/Controllers/LayoutController.cs", '''
using System.Runtime.Serialization.Formatters.Binary;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

[ApiController]
public class LayoutController : ControllerBase
{
    [HttpPost("/layouts/import")]
    public async Task<IActionResult> Import()
    {
        <<X>>
        return Ok(layout.Widgets.Count);
    }
}
''', 'var layout = (DashboardLayout)new BinaryFormatter().Deserialize(Request.Body);⟪!⟫',
    'var layout = await JsonSerializer.DeserializeAsync<DashboardLayout>(Request.Body) ?? new DashboardLayout();',
    "BinaryFormatter.Deserialize on the request body (Microsoft: never safe with untrusted input)",
    "System.Text.Json deserialises into a fixed type",
    "https://learn.microsoft.com/en-us/dotnet/standard/serialization/binaryformatter-security-guide")

twin("jsonnet", C, "insecure_deserialization", "src/Api/Jobs/JobEndpoints.cs", '''
using Newtonsoft.Json;

namespace Api.Jobs;

public static class JobEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/jobs", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            <<X>>
            return Results.Accepted($"/jobs/{job.Id}");
        });
    }
}
''', 'var job = JsonConvert.DeserializeObject<JobRequest>(body, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All })!;⟪!⟫',
    'var job = JsonConvert.DeserializeObject<JobRequest>(body, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None })!;',
    "Json.NET with TypeNameHandling.All lets the request choose the .NET type to instantiate",
    "TypeNameHandling.None: $type is ignored",
    "https://www.newtonsoft.com/json/help/html/T_Newtonsoft_Json_TypeNameHandling.htm")

twin("xmldocument", C, "xxe", "src/Web/Controllers/FeedController.cs", '''
using System.Xml;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

[ApiController]
public class FeedController : ControllerBase
{
    [HttpPost("/feeds/import")]
    public IActionResult Import()
    {
        <<X>>
        return Ok(FeedImporter.Import(doc));
    }
}
''', '''
var doc = new XmlDocument { XmlResolver = new XmlUrlResolver() };
doc.Load(Request.Body);⟪!⟫''', '''
var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
var doc = new XmlDocument();
doc.Load(XmlReader.Create(Request.Body, settings));''',
    "XmlDocument with an XmlUrlResolver loads the request body, resolving external entities",
    "XmlReader with DtdProcessing.Prohibit and no resolver",
    "https://learn.microsoft.com/en-us/dotnet/api/system.xml.xmldocument.xmlresolver",
    neg_url="https://learn.microsoft.com/en-us/dotnet/api/system.xml.xmlreadersettings.dtdprocessing")

twin("httpclient", C, "ssrf", "src/Web/Controllers/PreviewController.cs", '''
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

[ApiController]
public class PreviewController : ControllerBase
{
    private static readonly HashSet<string> AllowedHosts = new() { "cdn.shopify.com" };
    private readonly HttpClient _http;

    public PreviewController(HttpClient http) => _http = http;

    [HttpGet("/preview")]
    public async Task<IActionResult> Get([FromQuery] string url)
    {
        <<X>>
        return File(await response.Content.ReadAsByteArrayAsync(), "image/jpeg");
    }
}
''', 'var response = await _http.GetAsync(url);⟪!⟫', '''
if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !AllowedHosts.Contains(uri.Host))
    return BadRequest();
var response = await _http.GetAsync(uri);''',
    "HttpClient.GetAsync on a URL from the query string",
    "absolute https URL with an allow-listed host required",
    "https://learn.microsoft.com/en-us/dotnet/api/system.net.http.httpclient.getasync")

twin("mongodb-dotnet", C, "nosql_injection", "src/Api/Tickets/TicketEndpoints.cs", '''
using MongoDB.Bson;
using MongoDB.Driver;

namespace Api.Tickets;

public static class TicketEndpoints
{
    public static void Map(WebApplication app, IMongoCollection<Ticket> tickets)
    {
        app.MapGet("/tickets", async (string owner) =>
        {
            <<X>>
            return Results.Ok(list);
        });
    }
}
''', 'var list = await tickets.Find(new BsonDocument("$where", "this.Owner == \'" + owner + "\'")).ToListAsync();⟪!⟫',
    'var list = await tickets.Find(Builders<Ticket>.Filter.Eq(t => t.Owner, owner)).ToListAsync();',
    "$where JavaScript concatenated from a query parameter",
    "typed Builders filter with the value as data",
    "https://www.mongodb.com/docs/manual/reference/operator/query/where/",
    neg_url="https://www.mongodb.com/docs/drivers/csharp/current/fundamentals/builders/")

twin("process", C, "command_injection", "src/Web/Controllers/DiagnosticsController.cs", '''
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

[ApiController]
public class DiagnosticsController : ControllerBase
{
    [HttpGet("/diagnostics/ping")]
    public async Task<IActionResult> Ping([FromQuery] string host)
    {
        <<X>>
        return Ok(await p!.StandardOutput.ReadToEndAsync());
    }
}
''', '''
var p = Process.Start(new ProcessStartInfo("/bin/sh", "-c \\"ping -c 2 " + host + "\\"") { RedirectStandardOutput = true });⟪!⟫''', '''
var psi = new ProcessStartInfo("ping") { RedirectStandardOutput = true };
psi.ArgumentList.Add("-c");
psi.ArgumentList.Add("2");
psi.ArgumentList.Add(host);
var p = Process.Start(psi);''',
    "sh -c command string with a query parameter",
    "ProcessStartInfo.ArgumentList passes each argument separately without a shell",
    "https://learn.microsoft.com/en-us/dotnet/api/system.diagnostics.processstartinfo.argumentlist")

twin("aspnet-mvc", C, "path_traversal", "src/Web/Controllers/DownloadController.cs", '''
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

public class DownloadController : Controller
{
    private readonly string _root = Path.GetFullPath("/srv/shop/manuals");

    [HttpGet("/manuals/{name}")]
    public IActionResult Manual(string name)
    {
        <<X>>
        return PhysicalFile(path, "application/pdf");
    }
}
''', 'var path = Path.Combine(_root, name);⟪!⟫', '''
var path = Path.GetFullPath(Path.Combine(_root, name));
if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
    return NotFound();''',
    "route value combined with the manuals root and served with PhysicalFile",
    "full path computed and required to stay under the root",
    "https://learn.microsoft.com/en-us/dotnet/api/system.io.path.combine",
    neg_url="https://learn.microsoft.com/en-us/dotnet/api/system.io.path.getfullpath")

twin("aspnet-session", C, "trust_boundary", "src/Web/Controllers/TenantController.cs", '''
using Microsoft.AspNetCore.Mvc;

namespace Shop.Web.Controllers;

public class TenantController : Controller
{
    [HttpPost("/tenant/switch")]
    public async Task<IActionResult> Switch([FromForm] string tenantId)
    {
        <<X>>
        return RedirectToAction("Index", "Dashboard");
    }
}
''', 'HttpContext.Session.SetString("TenantId", tenantId);⟪!⟫', '''
var membership = await _memberships.FindAsync(User.GetUserId(), tenantId) ?? throw new UnauthorizedAccessException();
HttpContext.Session.SetString("TenantId", membership.TenantId);''',
    "form value stored in session state as the active tenant",
    "session receives a tenant id from a membership lookup for the signed-in user",
    "https://learn.microsoft.com/en-us/aspnet/core/fundamentals/app-state#session-state")
