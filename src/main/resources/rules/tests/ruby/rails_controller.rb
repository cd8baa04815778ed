class UsersController < ApplicationController
  def index
    # ruleid: sql_injection
    @users = User.where("name = '#{params[:name]}'")
    # ok: sql_injection
    @others = User.where(name: params[:name])
  end

  def ping
    # ruleid: command_injection
    system("ping -c 1 #{params[:host]}")
    # ok: command_injection
    system("ping", "-c", "1", params[:host])
  end

  def show
    # ruleid: path_traversal
    send_file "/srv/files/#{params[:file]}"
  end

  def calc
    # ruleid: code_injection
    render plain: eval(params[:expr]).to_s
  end
end
