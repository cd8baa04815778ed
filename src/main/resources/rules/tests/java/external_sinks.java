import java.beans.XMLDecoder;
import java.io.ObjectInputStream;
import java.io.StringReader;
import java.net.URL;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bson.Document;
import org.springframework.web.client.RestTemplate;
import org.xml.sax.InputSource;

public class ExternalSinks {
  private final RestTemplate restTemplate = new RestTemplate();

  public void done(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String next = request.getParameter("next");
    // ruleid: open_redirect
    response.sendRedirect(next);
  }

  public void home(HttpServletRequest request, HttpServletResponse response) throws Exception {
    // ok: open_redirect
    response.sendRedirect(request.getContextPath() + "/home");
  }

  public String preview(HttpServletRequest request) throws Exception {
    String url = request.getParameter("url");
    // ruleid: ssrf
    String page = restTemplate.getForObject(url, String.class);
    // ruleid: ssrf
    URL feed = new URL(request.getParameter("feed"));
    // ok: ssrf
    String status = restTemplate.getForObject("https://status.example.com/api", String.class);
    return page + feed.openStream().read() + status;
  }

  public Object restore(HttpServletRequest request) throws Exception {
    // ruleid: insecure_deserialization
    ObjectInputStream in = new ObjectInputStream(request.getInputStream());
    Object a = in.readObject();
    // ruleid: insecure_deserialization
    XMLDecoder decoder = new XMLDecoder(request.getInputStream());
    return a.toString() + decoder.readObject();
  }

  public Object restoreFiltered(HttpServletRequest request) throws Exception {
    // ok: insecure_deserialization
    ObjectInputStream in = new ObjectInputStream(request.getInputStream());
    in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("com.acme.dto.*;!*"));
    return in.readObject();
  }

  public String parse(HttpServletRequest request) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    DocumentBuilder builder = dbf.newDocumentBuilder();
    // ruleid: xxe
    return builder.parse(new InputSource(new StringReader(request.getParameter("xml")))).getDocumentElement().getTagName();
  }

  public String parseSafely(HttpServletRequest request) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = dbf.newDocumentBuilder();
    // ok: xxe
    return builder.parse(new InputSource(new StringReader(request.getParameter("xml")))).getDocumentElement().getTagName();
  }

  public Document filter(HttpServletRequest request) {
    // ruleid: nosql_injection
    Document q = Document.parse(request.getParameter("filter"));
    // ok: nosql_injection
    Document byName = new Document("name", request.getParameter("name"));
    return q.append("and", byName);
  }
}
