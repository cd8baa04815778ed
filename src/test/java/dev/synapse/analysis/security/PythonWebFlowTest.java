package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Data flow through Flask/Django handlers: constant-decided branches, {@code match}, dict and
 * list element sensitivity, call chains from modules, argument vectors that start a shell, and
 * the session as a trust boundary. Each case runs the real security checks over a new file.
 */
class PythonWebFlowTest {

  private static final String SQL = "    cursor.execute(\"SELECT * FROM u WHERE n = '\" + bar + \"'\")\n";

  /** A Flask handler whose body starts with {@code param = request.form.get("p")} (line 8). */
  private static String handler(String body) {
    return "from flask import Flask, request, session\nimport os\nimport subprocess\n"
        + "app = Flask(__name__)\n\n@app.route('/t', methods=['POST'])\ndef handler():\n"
        + "    param = request.form.get(\"p\")\n" + body + "    return 'ok'\n";
  }

  private static List<Integer> found(String category, String body) {
    return lines(newFile("app.py", handler(body)), category);
  }

  /** @return the 1-based line of the body's last line (the sink line in these cases) */
  private static int last(String body) {
    return 8 + body.split("\n", -1).length - 1;
  }

  @Test
  @DisplayName("a Python match on a constant subject runs only the case that matches it")
  void matchOnConstant() {
    String body = """
            possible = 'ABC'
            guess = possible[1]
            match guess:
                case 'A':
                    bar = param
                case 'B':
                    bar = 'bob'
                case 'C' | 'D':
                    bar = param
                case _:
                    bar = 'bobs your uncle'
        """ + SQL;
    assertEquals(List.of(), found("sql_injection", body));
    String vuln = body.replace("possible[1]", "possible[0]");
    assertEquals(List.of(last(vuln)), found("sql_injection", vuln));
    String unknown = body.replace("guess = possible[1]", "guess = param");
    assertEquals(List.of(last(unknown)), found("sql_injection", unknown));
  }

  @Test
  @DisplayName("list positions follow append, pop, popleft and remove in Python")
  void listPops() {
    String body = """
            lst = []
            lst.append('safe')
            lst.append(param)
            lst.append('moresafe')
            lst.pop(0)
            bar = lst[1]
        """ + SQL;
    assertEquals(List.of(), found("sql_injection", body));
    String vuln = body.replace("lst[1]", "lst[0]");
    assertEquals(List.of(last(vuln)), found("sql_injection", vuln));
    String literal = """
            lst = ['safe', param, 'moresafe']
            lst.pop(0)
            bar = lst[1]
        """ + SQL;
    assertEquals(List.of(), found("sql_injection", literal));
    String deque = body.replace("lst = []", "lst = collections.deque()").replace("lst.pop(0)", "lst.popleft()");
    assertEquals(List.of(), found("sql_injection", deque));
    String byValue = body.replace("lst.pop(0)", "lst.remove('safe')");
    assertEquals(List.of(), found("sql_injection", byValue));
    String popLast = body.replace("lst.pop(0)", "lst.pop()");
    assertEquals(List.of(last(popLast)), found("sql_injection", popLast));
    String unknownIndex = body.replace("lst.pop(0)", "lst.pop(int(param))");
    assertEquals(List.of(last(unknownIndex)), found("sql_injection", unknownIndex));
  }

  @Test
  @DisplayName("constant conditions in if statements and conditional expressions decide the branch")
  void constantConditions() {
    String ternary = "    num = 106\n    bar = 'safe' if (7 * 18) + num > 200 else param\n" + SQL;
    assertEquals(List.of(), found("sql_injection", ternary));
    String taken = ternary.replace("'safe' if", "param if").replace("else param", "else 'safe'");
    assertEquals(List.of(last(taken)), found("sql_injection", taken));
    String ifElse = """
            if 7 * 42 - 86 > 200:
                bar = 'This_should_always_happen'
            else:
                bar = param
        """ + SQL;
    assertEquals(List.of(), found("sql_injection", ifElse));
  }

  @Test
  @DisplayName("a dict value read under a constant key carries only what was stored under that key")
  void dictKeys() {
    String body = """
            d = {}
            d['keyA'] = 'a_value'
            d['keyB'] = param
            bar = d['keyA']
        """ + SQL;
    assertEquals(List.of(), found("sql_injection", body));
    String vuln = body.replace("d['keyA']\n", "d['keyB']\n");
    assertEquals(List.of(last(vuln)), found("sql_injection", vuln));
  }

  @Test
  @DisplayName("a method called on a module function's result keeps its taint (base64 round trip)")
  void moduleCallChain() {
    String body = "    bar = base64.b64decode(base64.b64encode(param.encode('utf-8'))).decode('utf-8')\n"
        + "    cursor.execute(\"SELECT * FROM u WHERE n = '%s'\" % bar)\n";
    assertEquals(List.of(last(body)), found("sql_injection", body));
  }

  @Test
  @DisplayName("an argument vector that starts a shell with -c is a command line, a plain argv is not")
  void shellArgumentVectors() {
    String shell = """
            argList = []
            argList.append('sh')
            argList.append('-c')
            argList.append(f'echo {param}')
            proc = subprocess.run(argList, capture_output=True, encoding='utf-8')
        """;
    // reported where the input is built into the command text (the f-string), as for any command line
    assertEquals(List.of(last(shell) - 1), found("command_injection", shell));
    String literal = "    subprocess.run(['/bin/bash', '-c', 'echo ' + param])\n";
    assertEquals(List.of(last(literal)), found("command_injection", literal));
    assertEquals(List.of(), found("command_injection", "    subprocess.run(['echo', param])\n"));
    assertEquals(List.of(), found("command_injection", "    subprocess.run(['ping', '-c', '1', param])\n"));
  }

  @Test
  @DisplayName("request data stored in the Flask or Django session crosses a trust boundary, as a value or a key")
  void sessionTrustBoundary() {
    assertEquals(List.of(9), found("trust_boundary", "    flask.session['userid'] = param\n"));
    assertEquals(List.of(9), found("trust_boundary", "    session[param] = 'x'\n"));
    assertEquals(List.of(9), found("trust_boundary", "    request.session['userid'] = param\n"));
    assertEquals(List.of(), found("trust_boundary", "    flask.session['userid'] = 'x'\n"));
    assertEquals(List.of(9), found("trust_boundary", "    session.update({'userid': param})\n"));
    assertEquals(List.of(9), found("trust_boundary", "    request.session.setdefault('userid', param)\n"));
    assertEquals(List.of(), found("trust_boundary", "    session.update({'theme': 'dark'})\n"));
    assertEquals(List.of(), found("trust_boundary",
        "    bar = 'x' if 7 * 42 - 86 > 200 else param\n    session['userid'] = bar\n"));
  }

  @Test
  @DisplayName("Werkzeug's get_data() is request input")
  void werkzeugGetData() {
    String body = "    bar = request.get_data(as_text=True)\n" + SQL;
    assertFalse(found("sql_injection", body).isEmpty());
  }
  @Test
  @DisplayName("configparser options are kept apart by section and option")
  void configParserOptions() {
    String body = """
            conf = configparser.ConfigParser()
            conf.add_section('s')
            conf.set('s', 'keyA', 'a_value')
            conf.set('s', 'keyB', param)
            bar = conf.get('s', 'keyA')
        """ + SQL;
    assertEquals(List.of(), found("sql_injection", body));
    String vuln = body.replace("conf.get('s', 'keyA')", "conf.get('s', 'keyB')");
    assertEquals(List.of(last(vuln)), found("sql_injection", vuln));
  }

  @Test
  @DisplayName("an XPath built from input is injectable in lxml and elementpath, bound $variables are not")
  void xpathBindings() {
    String built = "    nodes = elementpath.select(root, \"/E/e[@id='\" + param + \"']\")\n";
    assertEquals(List.of(9), found("xpath_injection", built));
    assertEquals(List.of(), found("xpath_injection",
        "    nodes = elementpath.select(root, '/E/e[@id=$id]', variables={'id': param})\n"));
    assertEquals(List.of(), found("xpath_injection", "    nodes = root.xpath('/E/e[@id=$id]', id=param)\n"));
    assertEquals(List.of(9), found("xpath_injection", "    nodes = root.xpath(f\"/E/e[@id='{param}']\")\n"));
  }

  @Test
  @DisplayName("Popen imported from subprocess with shell=True runs a shell, with an argv it does not")
  void importedPopen() {
    assertEquals(List.of(9), found("command_injection", "    p = Popen('ls ' + param, shell=True)\n"));
    assertEquals(List.of(), found("command_injection", "    p = Popen(['ls', param])\n"));
  }
  @Test
  @DisplayName("code built from repr() of input is a string literal, code built from the input itself is code")
  void reprLiteral() {
    assertEquals(List.of(), found("code_injection", "    exec('x = ' + repr(param))\n"));
    assertEquals(List.of(9), found("code_injection", "    exec('x = ' + param)\n"));
  }

  @Test
  @DisplayName("paramiko exec_command runs its command through the remote shell")
  void paramikoExecCommand() {
    assertEquals(List.of(9), found("command_injection", "    client.exec_command('ls ' + param)\n"));
    assertEquals(List.of(), found("command_injection", "    client.exec_command('ls /srv')\n"));
  }
  @Test
  @DisplayName("dict(), dict.pop, setdefault, negative list indexes and tuple unpacking keep elements apart")
  void moreElementSensitivity() {
    String ctor = "    d = dict(keyA='a', keyB=param)\n    bar = d['keyA']\n" + SQL;
    assertEquals(List.of(), found("sql_injection", ctor));
    String ctorVuln = ctor.replace("d['keyA']", "d['keyB']");
    assertEquals(List.of(last(ctorVuln)), found("sql_injection", ctorVuln));
    String pop = "    d = {'keyA': 'a', 'keyB': param}\n    bar = d.pop('keyA')\n" + SQL;
    assertEquals(List.of(), found("sql_injection", pop));
    String popVuln = pop.replace("pop('keyA')", "pop('keyB')");
    assertEquals(List.of(last(popVuln)), found("sql_injection", popVuln));
    String setdefault = "    d = {}\n    d['keyB'] = param\n    bar = d.setdefault('keyA', 'safe')\n" + SQL;
    assertEquals(List.of(), found("sql_injection", setdefault));
    String negative = "    lst = ['safe', 'x', param]\n    bar = lst[-1]\n" + SQL;
    assertEquals(List.of(last(negative)), found("sql_injection", negative));
    String negativeSafe = negative.replace("lst[-1]", "lst[-3]");
    assertEquals(List.of(), found("sql_injection", negativeSafe));
    String tuple = "    a, b = 'safe', param\n    bar = a\n" + SQL;
    assertEquals(List.of(), found("sql_injection", tuple));
    String tupleVuln = tuple.replace("bar = a", "bar = b");
    assertEquals(List.of(last(tupleVuln)), found("sql_injection", tupleVuln));
  }
  @Test
  @DisplayName("a one-character string taken from a constant compares equal to the same quoted character")
  void characterComparison() {
    String body = """
            guess = 'ABC'[1]
            bar = 'safe'
            if guess == 'B':
                bar = param
        """ + SQL;
    assertEquals(List.of(last(body)), found("sql_injection", body));
    String other = body.replace("guess == 'B'", "guess == 'C'");
    assertEquals(List.of(), found("sql_injection", other));
  }
}
