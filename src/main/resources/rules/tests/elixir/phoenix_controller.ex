defmodule AppWeb.UserController do
  use AppWeb, :controller

  def search(conn, %{"name" => name}) do
    # ruleid: sql_injection
    Ecto.Adapters.SQL.query!(Repo, "SELECT * FROM users WHERE name = '#{name}'", [])
    # ok: sql_injection
    Ecto.Adapters.SQL.query!(Repo, "SELECT * FROM users WHERE name = $1", [name])
    send_resp(conn, 200, "ok")
  end

  def ping(conn, params) do
    host = conn.params["host"]
    # ruleid: command_injection
    System.shell("ping -c 1 " <> host)
    # ok: command_injection
    System.cmd("uptime", [])
    send_resp(conn, 200, "ok")
  end
end
