require "sinatra"
require "json"

get "/hello" do
  name = params["name"] || "world"
  # ruleid: xss
  "<h1>Hello, #{name}!</h1>"
end

get "/echo" do
  # ruleid: xss
  params[:q]
end

get "/hello.json" do
  content_type :json
  name = params["name"] || "world"
  # ok: xss
  { greeting: "Hello, #{name}" }.to_json
end

get "/safe" do
  name = params["name"] || "world"
  # ok: xss
  "<h1>Hello, #{Rack::Utils.escape_html(name)}!</h1>"
end

get "/view" do
  @name = params["name"]
  # ok: xss
  erb :hello
end

[1, 2].each do |i|
  # ok: xss
  "<b>#{i}</b>"
end
