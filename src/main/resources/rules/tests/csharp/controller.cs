using System.Data.SqlClient;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

public class UsersController : Controller
{
    private readonly SqlConnection conn;

    public IActionResult Search(string name)
    {
        var q = Request.Query["name"];
        // ruleid: sql_injection
        var cmd = new SqlCommand("SELECT * FROM Users WHERE Name = '" + q + "'", conn);
        // ok: sql_injection
        var safe = new SqlCommand("SELECT * FROM Users WHERE Name = @name", conn);
        safe.Parameters.AddWithValue("@name", q);
        return Ok();
    }

    public IActionResult Ping()
    {
        var host = Request.Query["host"];
        // ruleid: command_injection
        Process.Start("cmd.exe", "/c ping " + host);
        return Ok();
    }
}
