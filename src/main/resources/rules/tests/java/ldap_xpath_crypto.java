import java.security.MessageDigest;
import javax.naming.directory.DirContext;
import javax.servlet.http.*;
import javax.xml.xpath.*;

public class Directory {
  private DirContext ctx;

  public void find(HttpServletRequest request) throws Exception {
    String user = request.getParameter("user");
    // ruleid: ldap_injection
    ctx.search("ou=people,dc=example,dc=org", "(uid=" + user + ")", null);
    XPath xp = XPathFactory.newInstance().newXPath();
    // ruleid: xpath_injection
    xp.evaluate("/users/user[@name='" + user + "']", doc());
  }

  public byte[] hash(String password) throws Exception {
    // ruleid: weak_crypto
    MessageDigest md = MessageDigest.getInstance("MD5");
    // ok: weak_crypto
    MessageDigest good = MessageDigest.getInstance("SHA-256");
    return md.digest(password.getBytes());
  }

  Object doc() {
    return null;
  }
}
