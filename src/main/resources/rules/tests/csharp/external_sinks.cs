using System.Net.Http;
using System.Runtime.Serialization.Formatters.Binary;
using System.Xml;
using Microsoft.AspNetCore.Mvc;
using MongoDB.Bson;

public class ExternalController : Controller
{
    private readonly HttpClient _httpClient = new HttpClient();

    public IActionResult Done(string returnUrl)
    {
        // ruleid: open_redirect
        return Redirect(Request.Query["next"]);
    }

    public IActionResult LocalDone()
    {
        // ok: open_redirect
        return LocalRedirect(Request.Query["next"]);
    }

    public async Task<string> Preview()
    {
        string url = Request.Query["url"];
        // ruleid: ssrf
        var page = await _httpClient.GetStringAsync(url);
        // ok: ssrf
        var status = await _httpClient.GetStringAsync("https://status.example.com/api");
        return page + status;
    }

    public object Restore()
    {
        // ruleid: insecure_deserialization
        var formatter = new BinaryFormatter();
        // ruleid: insecure_deserialization
        return formatter.Deserialize(Request.Body);
    }

    public string Parse()
    {
        var doc = new XmlDocument();
        doc.XmlResolver = new XmlUrlResolver();
        // ruleid: xxe
        doc.LoadXml(Request.Form["xml"]);
        return doc.DocumentElement.Name;
    }

    public string ParseSafely()
    {
        var doc = new XmlDocument();
        doc.XmlResolver = null;
        // ok: xxe
        doc.LoadXml(Request.Form["xml"]);
        return doc.DocumentElement.Name;
    }

    public BsonDocument Filter()
    {
        // ruleid: nosql_injection
        return BsonDocument.Parse(Request.Query["filter"]);
    }
}
