import javax.jdo.PersistenceManager;
import javax.servlet.http.HttpServletRequest;
import org.hibernate.Criteria;
import org.hibernate.criterion.Restrictions;

public class OrmQueries {
  public void search(HttpServletRequest request, Criteria criteria, PersistenceManager pm) {
    String name = request.getParameter("name");
    // ruleid: sql_injection
    criteria.add(Restrictions.sqlRestriction("lower(name) like '" + name + "%'"));
    // ok: sql_injection
    criteria.add(Restrictions.sqlRestriction("lower(name) like ?", name + "%", StandardBasicTypes.STRING));
    // ruleid: sql_injection
    pm.newQuery("javax.jdo.query.SQL", "select * from users where name = '" + name + "'");
    // ok: sql_injection
    pm.newQuery("javax.jdo.query.SQL", "select * from users where active = 1");
  }

  public void vertx(HttpServletRequest request, SqlClient client) {
    // ruleid: sql_injection
    client.preparedQuery("SELECT * FROM users WHERE id = " + request.getParameter("id"));
    // ok: sql_injection
    client.preparedQuery("SELECT * FROM users WHERE id = $1").execute(Tuple.of(request.getParameter("id")));
  }
}
