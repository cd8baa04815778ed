import java.io.*;
import java.sql.*;
import javax.servlet.http.*;

public class InvoiceServlet extends HttpServlet {
  private Connection conn;

  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String status = request.getParameter("status");
    // ruleid: sql_injection
    String sql = "SELECT * FROM invoices WHERE status = '" + status + "'";
    Statement stmt = conn.createStatement();
    ResultSet rs = stmt.executeQuery(sql);
    PreparedStatement ps = conn.prepareStatement("SELECT * FROM invoices WHERE status = ?");
    ps.setString(1, status);
    // ok: sql_injection
    ps.executeQuery();
    int id = Integer.parseInt(request.getParameter("id"));
    // ok: sql_injection
    ResultSet one = stmt.executeQuery("SELECT * FROM invoices WHERE id = " + id);
    String name = request.getParameter("name");
    // ruleid: xss
    response.getWriter().println("<h1>Hello " + name + "</h1>");
    String file = request.getParameter("file");
    // ruleid: path_traversal
    FileInputStream in = new FileInputStream("/srv/reports/" + file);
    String host = request.getParameter("host");
    // ruleid: command_injection
    Runtime.getRuntime().exec("ping -c 1 " + host);
    // ok: command_injection
    new ProcessBuilder("ping", "-c", "1", "example.org").start();
    String user = request.getParameter("user");
    // ruleid: trust_boundary
    request.getSession().setAttribute("user", user);
  }
}
