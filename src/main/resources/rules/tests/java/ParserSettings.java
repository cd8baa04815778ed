import com.fasterxml.jackson.databind.ObjectMapper;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;

public class ParserSettings {
  DocumentBuilderFactory legacyFactory() throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    // ruleid: xxe
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    // ruleid: xxe
    dbf.setFeature("http://xml.org/sax/features/external-general-entities", true);
    // ok: xxe
    dbf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    return dbf;
  }

  XMLInputFactory stax() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // ruleid: xxe
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true);
    // ok: xxe
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    return f;
  }

  ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    // ruleid: insecure_deserialization
    m.enableDefaultTyping();
    // ok: insecure_deserialization
    m.findAndRegisterModules();
    return m;
  }
}
