"""PHP: plain PHP templates and superglobals, PDO, mysqli, libxml, Laravel, Symfony, MongoDB, LDAP."""
from gen import twin, case, new, mod

P = "php"

twin("plain-echo-tag", P, "xss", "public/search.php", '''
<?php require __DIR__ . '/../bootstrap.php'; ?>
<!doctype html>
<html>
<body>
  <form method="get"><input name="q"></form>
  <<X>>
</body>
</html>
''', "<p>You searched for <?= $_GET['q'] ?></p>⟪!⟫",
    "<p>You searched for <?= htmlspecialchars($_GET['q'] ?? '', ENT_QUOTES, 'UTF-8') ?></p>",
    "short echo tag prints $_GET['q'] straight into HTML",
    "htmlspecialchars with ENT_QUOTES and UTF-8",
    "https://www.php.net/manual/en/language.basic-syntax.phptags.php",
    neg_url="https://www.php.net/manual/en/function.htmlspecialchars.php")

case("fw-php-plain-echo-xss-pos", P, "xss", "positive", [
    mod("templates/header.php", '''
<header>
  <a href="/">Home</a>
  <span class="user">Guest</span>
</header>
''', '''
<header>
  <a href="/">Home</a>
  <span class="user"><?php echo $_GET['ref']; ?></span>⟪!⟫
</header>
''', start=3)], "echo of a query parameter inside an HTML template",
    "https://www.php.net/manual/en/function.echo.php")

twin("pdo", P, "sql_injection", "src/Repository/AccountRepository.php", '''
<?php

final class AccountRepository
{
    public function __construct(private PDO $pdo) {}

    public function findByEmailFromRequest(): ?array
    {
        $email = $_GET['email'] ?? '';
        <<X>>
        return $stmt->fetch(PDO::FETCH_ASSOC) ?: null;
    }
}
''', "$stmt = $this->pdo->query(\"SELECT id, name FROM accounts WHERE email = '\" . $email . \"'\");⟪!⟫", '''
$stmt = $this->pdo->prepare('SELECT id, name FROM accounts WHERE email = :email');
$stmt->execute(['email' => $email]);''',
    "PDO::query with a query-string value concatenated into the SQL",
    "prepared statement with a named placeholder",
    "https://www.php.net/manual/en/pdo.prepared-statements.php")

twin("mysqli", P, "sql_injection", "public/order.php", '''
<?php
require __DIR__ . '/../db.php';

$id = $_GET['id'] ?? '';
<<X>>
$order = $result->fetch_assoc();
header('Content-Type: application/json');
echo json_encode($order);
''', "$result = mysqli_query($conn, \"SELECT * FROM orders WHERE id = $id\");⟪!⟫", '''
$stmt = $conn->prepare('SELECT * FROM orders WHERE id = ?');
$stmt->bind_param('i', $id);
$stmt->execute();
$result = $stmt->get_result();''',
    "mysqli_query with a request value interpolated into the SQL",
    "mysqli prepared statement with bind_param",
    "https://www.php.net/manual/en/mysqli.quickstart.prepared-statements.php")

twin("plain", P, "open_redirect", "public/logout.php", '''
<?php
session_start();
session_destroy();

$targets = ['home' => '/', 'login' => '/login.php'];
<<X>>
exit;
''', "header('Location: ' . ($_GET['next'] ?? '/'));⟪!⟫",
    "header('Location: ' . ($targets[$_GET['next'] ?? 'home'] ?? '/'));",
    "Location header set from a query parameter",
    "the parameter only selects a key of a fixed map",
    "https://www.php.net/manual/en/function.header.php")

twin("plain", P, "insecure_deserialization", "public/cart.php", '''
<?php
require __DIR__ . '/../bootstrap.php';

$raw = $_COOKIE['cart'] ?? '';
<<X>>
render('cart', ['items' => $cart]);
''', "$cart = $raw !== '' ? unserialize(base64_decode($raw)) : [];⟪!⟫",
    "$cart = $raw !== '' ? json_decode(base64_decode($raw), true, 8, JSON_THROW_ON_ERROR) : [];",
    "unserialize on a cookie (object injection; the PHP manual warns against untrusted input)",
    "json_decode to arrays only",
    "https://www.php.net/manual/en/function.unserialize.php",
    neg_url="https://www.php.net/manual/en/function.json-decode.php")

twin("plain-libxml", P, "xxe", "public/import.php", '''
<?php
require __DIR__ . '/../bootstrap.php';

$xml = file_get_contents('php://input');
$dom = new DOMDocument();
<<X>>
$count = import_products($dom);
echo json_encode(['imported' => $count]);
''', "$dom->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);⟪!⟫", "$dom->loadXML($xml, LIBXML_NONET);",
    "DOMDocument::loadXML on the request body with LIBXML_NOENT (entity substitution) and DTD loading",
    "no entity substitution, network access disabled",
    "https://www.php.net/manual/en/libxml.constants.php")

twin("plain", P, "ssrf", "public/proxy.php", '''
<?php
$allowed = ['images.example-cdn.com'];
$url = $_GET['src'] ?? '';
<<X>>
header('Content-Type: image/png');
echo $data;
''', "$data = file_get_contents($url);⟪!⟫", '''
$host = parse_url($url, PHP_URL_HOST);
if (parse_url($url, PHP_URL_SCHEME) !== 'https' || !in_array($host, $allowed, true)) {
    http_response_code(400);
    exit;
}
$data = file_get_contents($url);''',
    "file_get_contents on a URL from the query string (also reads local files and other wrappers)",
    "https scheme and an allow-listed host are required",
    "https://www.php.net/manual/en/function.file-get-contents.php")

twin("curl", P, "ssrf", "src/Webhook/Tester.php", '''
<?php

final class Tester
{
    public function ping(): string
    {
        $url = $_POST['webhook_url'] ?? '';
        <<X>>
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        return (string) curl_exec($ch);
    }
}
''', "$ch = curl_init($url);⟪!⟫", '''
if (parse_url($url, PHP_URL_HOST) !== 'hooks.slack.com') {
    throw new InvalidArgumentException('unsupported webhook host');
}
$ch = curl_init($url);''',
    "curl_init with a URL taken from the POST body",
    "host pinned to the one supported webhook provider",
    "https://www.php.net/manual/en/function.curl-init.php")

twin("mongodb", P, "nosql_injection", "public/login.php", '''
<?php
require __DIR__ . '/../vendor/autoload.php';

$users = (new MongoDB\\Client(getenv('MONGO_URL')))->app->users;
<<X>>
if ($user === null || !password_verify((string) ($_POST['password'] ?? ''), $user['password_hash'])) {
    http_response_code(401);
    exit;
}
''', "$user = $users->findOne(['username' => $_POST['username']]);⟪!⟫",
    "$user = $users->findOne(['username' => (string) ($_POST['username'] ?? '')]);",
    "$_POST value used as a filter value; username[$ne]=x becomes an operator array",
    "value cast to string before it enters the filter",
    "https://www.php.net/manual/en/mongodb.security.request_injection.php")

twin("ldap", P, "ldap_injection", "src/Directory/PeopleSearch.php", '''
<?php

final class PeopleSearch
{
    public function __construct(private \\LDAP\\Connection $ds) {}

    public function search(): array
    {
        $name = $_GET['name'] ?? '';
        <<X>>
        return ldap_get_entries($this->ds, $result);
    }
}
''', '$result = ldap_search($this->ds, "ou=people,dc=example,dc=org", "(cn=" . $name . "*)");⟪!⟫',
    '$result = ldap_search($this->ds, "ou=people,dc=example,dc=org", "(cn=" . ldap_escape($name, "", LDAP_ESCAPE_FILTER) . "*)");',
    "LDAP filter concatenated from a query parameter",
    "ldap_escape with LDAP_ESCAPE_FILTER",
    "https://www.php.net/manual/en/function.ldap-escape.php")

# ---------------- Laravel ----------------
twin("laravel", P, "sql_injection", "app/Http/Controllers/ReportController.php", '''
<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\DB;

class ReportController extends Controller
{
    public function byRegion(Request $request)
    {
        $region = $request->input('region');
        <<X>>
        return response()->json($rows);
    }
}
''', '$rows = DB::select("SELECT month, SUM(total) AS total FROM sales WHERE region = \'$region\' GROUP BY month");⟪!⟫',
    "$rows = DB::select('SELECT month, SUM(total) AS total FROM sales WHERE region = ? GROUP BY month', [$region]);",
    "DB::select with a request value interpolated into the SQL",
    "DB::select with a ? binding",
    "https://laravel.com/docs/11.x/database#running-queries",
    before="$rows = DB::table('sales')->where('region', $region)->get();")

twin("laravel-blade", P, "xss", "resources/views/posts/show.blade.php", '''
@extends('layouts.app')

@section('content')
  <h1>{{ $post->title }}</h1>
  <<X>>
@endsection
''', "<div class=\"highlight\">{!! request('highlight') !!}</div>⟪!⟫",
    "<div class=\"highlight\">{{ request('highlight') }}</div>",
    "Blade {!! !!} prints a request value without escaping",
    "{{ }} escapes with htmlspecialchars",
    "https://laravel.com/docs/11.x/blade#displaying-unescaped-data")

twin("laravel", P, "open_redirect", "app/Http/Controllers/OutboundController.php", '''
<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;

class OutboundController extends Controller
{
    private const PARTNERS = ['shop.example.com', 'help.example.com'];

    public function go(Request $request)
    {
        $url = (string) $request->query('url');
        <<X>>
    }
}
''', "return redirect()->away($url);⟪!⟫", '''
if (! in_array(parse_url($url, PHP_URL_HOST), self::PARTNERS, true)) {
    return redirect()->route('home');
}
return redirect()->away($url);''',
    "redirect()->away to a URL from the query string",
    "host must be a known partner",
    "https://laravel.com/docs/11.x/redirects#redirecting-external-domains")

twin("laravel-http", P, "ssrf", "app/Http/Controllers/AvatarController.php", '''
<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Http;

class AvatarController extends Controller
{
    public function import(Request $request)
    {
        $url = $request->input('avatar_url');
        <<X>>
        $request->user()->storeAvatar($response->body());
        return back();
    }
}
''', "$response = Http::timeout(5)->get($url);⟪!⟫", '''
abort_unless(parse_url($url, PHP_URL_HOST) === 'www.gravatar.com', 422);
$response = Http::timeout(5)->get($url);''',
    "Laravel HTTP client fetches a URL from the request",
    "host must be gravatar",
    "https://laravel.com/docs/11.x/http-client#making-requests")

twin("laravel-process", P, "command_injection", "app/Http/Controllers/ExportController.php", '''
<?php

namespace App\\Http\\Controllers;

use Illuminate\\Http\\Request;
use Illuminate\\Support\\Facades\\Process;

class ExportController extends Controller
{
    public function zip(Request $request)
    {
        $folder = $request->input('folder');
        <<X>>
        return response()->download(storage_path('app/export.zip'));
    }
}
''', "Process::path(storage_path('app'))->run('zip -r export.zip ' . $folder);⟪!⟫",
    "Process::path(storage_path('app'))->run(['zip', '-r', 'export.zip', '--', $folder]);",
    "command string with a request value runs through the shell",
    "command given as an argument array: no shell",
    "https://laravel.com/docs/11.x/processes#invoking-processes",
    neg_url="https://symfony.com/doc/current/components/process.html#usage")

# ---------------- Symfony ----------------
twin("symfony", P, "xss", "src/Controller/GreetingController.php", '''
<?php

namespace App\\Controller;

use Symfony\\Component\\HttpFoundation\\JsonResponse;
use Symfony\\Component\\HttpFoundation\\Request;
use Symfony\\Component\\HttpFoundation\\Response;
use Symfony\\Component\\Routing\\Attribute\\Route;

class GreetingController
{
    #[Route('/greeting')]
    public function greet(Request $request): Response
    {
        $name = $request->query->get('name', 'guest');
        <<X>>
    }
}
''', "return new Response('<h1>Hello ' . $name . '</h1>');⟪!⟫", "return new JsonResponse(['greeting' => 'Hello ' . $name]);",
    "Symfony Response (text/html by default) built from a query parameter",
    "JsonResponse answers application/json",
    "https://symfony.com/doc/current/components/http_foundation.html#response",
    neg_url="https://symfony.com/doc/current/components/http_foundation.html#creating-a-json-response")

twin("symfony", P, "open_redirect", "src/Controller/LocaleController.php", '''
<?php

namespace App\\Controller;

use Symfony\\Bundle\\FrameworkBundle\\Controller\\AbstractController;
use Symfony\\Component\\HttpFoundation\\RedirectResponse;
use Symfony\\Component\\HttpFoundation\\Request;
use Symfony\\Component\\Routing\\Attribute\\Route;

class LocaleController extends AbstractController
{
    #[Route('/locale/{locale}')]
    public function switch(Request $request, string $locale): RedirectResponse
    {
        $request->getSession()->set('_locale', $locale);
        <<X>>
    }
}
''', "return new RedirectResponse($request->query->get('target', '/'));⟪!⟫",
    "return $this->redirectToRoute('homepage');",
    "RedirectResponse to a query parameter",
    "redirect to a named route",
    "https://symfony.com/doc/current/components/http_foundation.html#redirecting-the-user",
    neg_url="https://symfony.com/doc/current/controller.html#redirecting")

twin("symfony-doctrine", P, "sql_injection", "src/Controller/ArticleController.php", '''
<?php

namespace App\\Controller;

use Doctrine\\ORM\\EntityManagerInterface;
use Symfony\\Bundle\\FrameworkBundle\\Controller\\AbstractController;
use Symfony\\Component\\HttpFoundation\\Request;
use Symfony\\Component\\HttpFoundation\\Response;
use Symfony\\Component\\Routing\\Attribute\\Route;

class ArticleController extends AbstractController
{
    #[Route('/articles')]
    public function list(Request $request, EntityManagerInterface $em): Response
    {
        $tag = $request->query->get('tag', '');
        <<X>>
        return $this->json($articles);
    }
}
''', "$articles = $em->createQuery(\"SELECT a FROM App\\\\Entity\\\\Article a WHERE a.tag = '\" . $tag . \"'\")->getResult();⟪!⟫",
    "$articles = $em->createQuery('SELECT a FROM App\\\\Entity\\\\Article a WHERE a.tag = :tag')->setParameter('tag', $tag)->getResult();",
    "Doctrine DQL concatenated from a query parameter",
    "DQL with a named parameter set through setParameter",
    "https://www.doctrine-project.org/projects/doctrine-orm/en/3.2/reference/dql-doctrine-query-language.html")

twin("symfony", P, "path_traversal", "src/Controller/InvoicePdfController.php", '''
<?php

namespace App\\Controller;

use Symfony\\Component\\HttpFoundation\\BinaryFileResponse;
use Symfony\\Component\\HttpFoundation\\Request;
use Symfony\\Component\\HttpKernel\\Exception\\NotFoundHttpException;
use Symfony\\Component\\Routing\\Attribute\\Route;

class InvoicePdfController
{
    public function __construct(private string $invoiceDir) {}

    #[Route('/invoices/pdf')]
    public function download(Request $request): BinaryFileResponse
    {
        <<X>>
        return new BinaryFileResponse($path);
    }
}
''', "$path = $this->invoiceDir . '/' . $request->query->get('file');⟪!⟫", '''
$path = realpath($this->invoiceDir . '/' . $request->query->get('file'));
if ($path === false || !str_starts_with($path, realpath($this->invoiceDir) . DIRECTORY_SEPARATOR)) {
    throw new NotFoundHttpException();
}''',
    "query parameter appended to the invoice directory and served",
    "realpath then prefix check against the invoice directory",
    "https://symfony.com/doc/current/components/http_foundation.html#serving-files",
    neg_url="https://www.php.net/manual/en/function.realpath.php")
