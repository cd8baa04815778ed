"""Elixir: Phoenix (controllers, HEEx), Plug, Ecto SQL, HTTPoison, Req, SweetXml, :erlang terms."""
from gen import twin, case, new, mod

E = "elixir"

CTRL = '''
defmodule ShopWeb.NoticeController do
  use ShopWeb, :controller

  def show(conn, %{"message" => message}) do
    render(conn, :show, message: message)
  end
end
'''
case("fw-elixir-phoenix-raw-xss-pos", E, "xss", "positive", [
    new("lib/shop_web/controllers/notice_html/show.html.heex", '''
<section class="notice">
  <h2>Notice</h2>
  <p><%= raw(@message) %></p>⟪!⟫
</section>
'''), new("lib/shop_web/controllers/notice_controller.ex", CTRL)],
    "HEEx template passes a request parameter through raw/1, which disables escaping",
    "https://hexdocs.pm/phoenix_html/Phoenix.HTML.html#raw/1")
case("fw-elixir-phoenix-raw-xss-neg", E, "xss", "negative", [
    new("lib/shop_web/controllers/notice_html/show.html.heex", '''
<section class="notice">
  <h2>Notice</h2>
  <p><%= @message %></p>
</section>
'''), new("lib/shop_web/controllers/notice_controller.ex", CTRL)],
    "HEEx interpolation escapes the assign",
    "https://hexdocs.pm/phoenix_live_view/assigns-eex.html")

twin("plug", E, "xss", "lib/status_web/router.ex", '''
defmodule StatusWeb.Router do
  use Plug.Router

  plug :match
  plug Plug.Parsers, parsers: [:urlencoded]
  plug :fetch_query_params
  plug :dispatch

  get "/status" do
    service = conn.params["service"] || "all"
    <<X>>
  end
end
''', '''
conn
|> put_resp_content_type("text/html")
|> send_resp(200, "<h1>Status of #{service}</h1>")⟪!⟫''', '''
conn
|> put_resp_content_type("text/html")
|> send_resp(200, "<h1>Status of #{Plug.HTML.html_escape(service)}</h1>")''',
    "Plug router sends text/html with a query parameter interpolated",
    "Plug.HTML.html_escape escapes the value",
    "https://hexdocs.pm/plug/Plug.Conn.html#send_resp/3",
    neg_url="https://hexdocs.pm/plug/Plug.HTML.html#html_escape/1")

twin("phoenix", E, "open_redirect", "lib/shop_web/controllers/session_controller.ex", '''
defmodule ShopWeb.SessionController do
  use ShopWeb, :controller

  alias Shop.Accounts

  def create(conn, %{"email" => email, "password" => password} = params) do
    case Accounts.get_user_by_email_and_password(email, password) do
      nil ->
        conn |> put_flash(:error, "Invalid email or password") |> redirect(to: ~p"/login")

      user ->
        conn = ShopWeb.Auth.log_in(conn, user)
        <<X>>
    end
  end
end
''', 'redirect(conn, external: params["return_to"] || "/")⟪!⟫', 'redirect(conn, to: ~p"/dashboard")',
    "redirect with external: taken from the request parameters",
    "redirect to a verified route path",
    "https://hexdocs.pm/phoenix/Phoenix.Controller.html#redirect/2",
    before='redirect(conn, to: ~p"/")')

twin("ecto-sql", E, "sql_injection", "lib/shop_web/controllers/report_controller.ex", '''
defmodule ShopWeb.ReportController do
  use ShopWeb, :controller

  alias Shop.Repo

  def by_region(conn, %{"region" => region}) do
    <<X>>
    json(conn, %{rows: result.rows})
  end
end
''', 'result = Ecto.Adapters.SQL.query!(Repo, "SELECT month, sum(total) FROM sales WHERE region = \'#{region}\' GROUP BY month")⟪!⟫',
    'result = Ecto.Adapters.SQL.query!(Repo, "SELECT month, sum(total) FROM sales WHERE region = $1 GROUP BY month", [region])',
    "Ecto SQL query text interpolated with a request parameter",
    "query!/3 with $1 and a parameter list",
    "https://hexdocs.pm/ecto_sql/Ecto.Adapters.SQL.html#query/4")

twin("httpoison", E, "ssrf", "lib/shop_web/controllers/image_proxy_controller.ex", '''
defmodule ShopWeb.ImageProxyController do
  use ShopWeb, :controller

  @allowed_hosts ["images.example-cdn.com"]

  def show(conn, %{"url" => url}) do
    <<X>>
  end
end
''', '''
{:ok, resp} = HTTPoison.get(url)⟪!⟫
send_resp(conn, 200, resp.body)''', '''
if URI.parse(url).host in @allowed_hosts do
  {:ok, resp} = HTTPoison.get(url)
  send_resp(conn, 200, resp.body)
else
  send_resp(conn, 400, "host not allowed")
end''',
    "HTTPoison.get on a URL from the request parameters",
    "host must be on an allow-list",
    "https://hexdocs.pm/httpoison/HTTPoison.html#get/3")

twin("req", E, "ssrf", "lib/shop_web/controllers/webhook_test_controller.ex", '''
defmodule ShopWeb.WebhookTestController do
  use ShopWeb, :controller

  def create(conn, %{"endpoint" => endpoint}) do
    <<X>>
  end
end
''', '''
resp = Req.post!(endpoint, json: %{event: "ping"})⟪!⟫
json(conn, %{status: resp.status})''', '''
case URI.parse(endpoint) do
  %URI{scheme: "https", host: "hooks.slack.com"} ->
    resp = Req.post!(endpoint, json: %{event: "ping"})
    json(conn, %{status: resp.status})

  _ ->
    send_resp(conn, 400, "unsupported endpoint")
end''',
    "Req.post! to an endpoint taken from the request",
    "only https://hooks.slack.com endpoints are called",
    "https://hexdocs.pm/req/Req.html#post!/2")

twin("erlang-term", E, "insecure_deserialization", "lib/shop_web/controllers/wizard_controller.ex", '''
defmodule ShopWeb.WizardController do
  use ShopWeb, :controller

  def resume(conn, %{"state" => encoded}) do
    binary = Base.url_decode64!(encoded)
    <<X>>
    render(conn, :step, state: state)
  end
end
''', 'state = :erlang.binary_to_term(binary)⟪!⟫', 'state = Plug.Crypto.non_executable_binary_to_term(binary, [:safe])',
    ":erlang.binary_to_term on client data can create atoms and executable funs",
    "Plug.Crypto.non_executable_binary_to_term with :safe rejects funs and new atoms",
    "https://www.erlang.org/doc/apps/erts/erlang.html#binary_to_term/2",
    neg_url="https://hexdocs.pm/plug_crypto/Plug.Crypto.html#non_executable_binary_to_term/2")

twin("sweetxml", E, "xxe", "lib/shop_web/controllers/catalog_import_controller.ex", '''
defmodule ShopWeb.CatalogImportController do
  use ShopWeb, :controller

  import SweetXml

  def create(conn, _params) do
    {:ok, body, conn} = Plug.Conn.read_body(conn)
    <<X>>
    skus = xpath(doc, ~x"//product/sku/text()"ls)
    json(conn, %{imported: length(skus)})
  end
end
''', 'doc = SweetXml.parse(body)⟪!⟫', 'doc = SweetXml.parse(body, dtd: :none)',
    "SweetXml.parse on the request body with DTD processing enabled (entities expanded)",
    "dtd: :none rejects documents that declare a DTD",
    "https://hexdocs.pm/sweet_xml/SweetXml.html#module-security")

twin("system-cmd", E, "command_injection", "lib/shop_web/controllers/thumbnail_controller.ex", '''
defmodule ShopWeb.ThumbnailController do
  use ShopWeb, :controller

  def create(conn, %{"file" => file, "size" => size}) do
    src = Path.join("/srv/uploads", Path.basename(file))
    <<X>>
    json(conn, %{ok: status == 0})
  end
end
''', '{_out, status} = System.cmd("sh", ["-c", "convert #{src} -resize #{size} #{src}.thumb.png"])⟪!⟫',
    '{_out, status} = System.cmd("convert", [src, "-resize", size, src <> ".thumb.png"])',
    "sh -c command string built from request parameters",
    "System.cmd with the program and an argument list, no shell",
    "https://hexdocs.pm/elixir/System.html#cmd/3")

twin("plug-session", E, "trust_boundary", "lib/shop_web/controllers/org_controller.ex", '''
defmodule ShopWeb.OrgController do
  use ShopWeb, :controller

  alias Shop.Orgs

  def switch(conn, %{"org_id" => org_id}) do
    <<X>>
    |> redirect(to: ~p"/dashboard")
  end
end
''', '''
conn
|> put_session(:org_id, org_id)⟪!⟫''', '''
org = Orgs.get_membership!(conn.assigns.current_user, org_id).org
conn
|> put_session(:org_id, org.id)''',
    "request parameter stored in the session as the active organisation",
    "session gets the id of an org the current user is a member of",
    "https://hexdocs.pm/plug/Plug.Conn.html#put_session/3")
