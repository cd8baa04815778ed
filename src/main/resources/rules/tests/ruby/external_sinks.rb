require "net/http"
require "nokogiri"

class ImportsController < ApplicationController
  def done
    # ruleid: open_redirect
    redirect_to params[:next]
  end

  def home
    # ok: open_redirect
    redirect_to root_path
  end

  def preview
    uri = URI(params[:url])
    # ruleid: ssrf
    body = Net::HTTP.get(uri)
    # ok: ssrf
    status = Net::HTTP.get(URI("https://status.example.com/api"))
    render plain: body + status
  end

  def restore
    # ruleid: insecure_deserialization
    obj = Marshal.load(Base64.decode64(params[:state]))
    # ok: insecure_deserialization
    data = YAML.safe_load(params[:config])
    render plain: obj.to_s + data.to_s
  end

  def parse
    # ruleid: xxe
    doc = Nokogiri::XML(params[:xml]) { |config| config.noent }
    render plain: doc.root.name
  end

  def parse_safely
    # ok: xxe
    doc = Nokogiri::XML(params[:xml])
    render plain: doc.root.name
  end

  def search
    client = Mongo::Client.new(ENV["MONGO_URL"])
    # ruleid: nosql_injection
    found = client[:users].find(name: params[:name])
    # ok: nosql_injection
    named = client[:users].find(name: String(params[:name]))
    render json: found.to_a + named.to_a
  end
end
