class ExportsController < ApplicationController
  def show
    # ruleid: path_traversal
    Dir.chdir("/srv/exports/#{params[:dir]}")
    # ruleid: path_traversal
    store = PStore.new("/srv/stores/#{params[:store]}.pstore")
    # ok: path_traversal
    Dir.glob("/srv/exports/*.csv")
    # ruleid: path_traversal
    ftp.getbinaryfile(params[:remote], "/tmp/#{params[:local]}")
  end

  def search
    # ruleid: sql_injection
    rows = conn.exec_params("SELECT * FROM items WHERE name = '" + params[:q] + "'")
    # ok: sql_injection
    rows = conn.exec_params("SELECT * FROM items WHERE name = $1", [params[:q]])
    # ruleid: sql_injection
    client.query("SELECT * FROM items WHERE owner = '#{params[:owner]}'")
    # ok: sql_injection
    client.query("SELECT count(*) FROM items")
  end
end

class ReturnsController < ApplicationController
  def back
    # ruleid: open_redirect
    redirect_to params[:return_to]
  end

  def lookup
    owner = client.escape(params[:owner])
    # ok: sql_injection
    client.query("SELECT * FROM items WHERE owner = '#{owner}'")
  end
end

class LegacyController < ApplicationController
  def echo
    # ruleid: xss
    render text: "You searched for #{params[:q]}"
  end

  def echo_plain
    # ok: xss
    render plain: "You searched for #{params[:q]}"
  end
end
