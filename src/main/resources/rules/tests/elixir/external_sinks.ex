defmodule ShopWeb.ExternalController do
  use ShopWeb, :controller

  def done(conn, _params) do
    next = conn.params["next"]
    # ruleid: open_redirect
    redirect(conn, external: next)
  end

  def home(conn, %{"next" => next}) do
    # ok: open_redirect
    redirect(conn, to: "/home")
  end

  def preview(conn, _params) do
    url = conn.params["url"]
    # ruleid: ssrf
    {:ok, resp} = HTTPoison.get(url)
    # ok: ssrf
    {:ok, status} = HTTPoison.get("https://status.example.com/api")
    text(conn, resp.body <> status.body)
  end

  def restore(conn, _params) do
    state = conn.params["state"]
    # ruleid: insecure_deserialization
    term = :erlang.binary_to_term(Base.decode64!(state))
    # ok: insecure_deserialization
    safe = Plug.Crypto.non_executable_binary_to_term(Base.decode64!(state), [:safe])
    json(conn, %{term: inspect(term), safe: inspect(safe)})
  end
end
