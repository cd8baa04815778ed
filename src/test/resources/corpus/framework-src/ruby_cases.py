"""Ruby: Rails (ActionController, ActionView/ERB), ActiveRecord, Sinatra, Psych, Marshal, Net::HTTP,
Nokogiri, mongo-ruby-driver."""
from gen import twin, case, new, mod

R = "ruby"

twin("rails-erb-raw", R, "xss", "app/views/search/index.html.erb", '''
<h1>Search</h1>
<%= form_with url: search_path, method: :get do |f| %>
  <%= f.search_field :q, value: params[:q] %>
<% end %>
<<X>>
<%= render @results %>
''', '<p class="summary">Results for <%= raw params[:q] %></p>⟪!⟫',
    '<p class="summary">Results for <%= params[:q] %></p>',
    "ERB view prints params[:q] through raw, bypassing Rails escaping",
    "<%= %> escapes the value",
    "https://api.rubyonrails.org/classes/ActionView/Helpers/OutputSafetyHelper.html#method-i-raw",
    neg_url="https://guides.rubyonrails.org/security.html#cross-site-scripting-xss")

twin("rails-erb-double", R, "xss", "app/views/profiles/show.html.erb", '''
<section class="profile">
  <h2><%= @profile.display_name %></h2>
  <<X>>
</section>
''', '<div class="tagline"><%== params[:tagline] %></div>⟪!⟫',
    '<div class="tagline"><%= sanitize params[:tagline], tags: %w[b i em strong] %></div>',
    "<%== outputs params[:tagline] without escaping",
    "sanitize keeps only an allow-list of tags",
    "https://guides.rubyonrails.org/action_view_overview.html#erb",
    neg_url="https://api.rubyonrails.org/classes/ActionView/Helpers/SanitizeHelper.html#method-i-sanitize")

twin("rails-html_safe", R, "xss", "app/controllers/badges_controller.rb", '''
class BadgesController < ApplicationController
  def show
    label = params[:label].to_s
    <<X>>
  end
end
''', 'render html: "<span class=\\"badge\\">#{label}</span>".html_safe⟪!⟫',
    'render json: { label: label }',
    "render html: with an interpolated param marked html_safe",
    "render json: answers application/json",
    "https://guides.rubyonrails.org/layouts_and_rendering.html#rendering-html",
    neg_url="https://guides.rubyonrails.org/layouts_and_rendering.html#rendering-json")

twin("rails", R, "open_redirect", "app/controllers/sessions_controller.rb", '''
class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return redirect_to(new_session_path, alert: "Try again") unless user

    start_session_for(user)
    <<X>>
  end
end
''', 'redirect_to params[:return_to], allow_other_host: true⟪!⟫',
    'redirect_to url_from(params[:return_to]) || root_path',
    "redirect_to a request parameter with allow_other_host: true",
    "url_from returns the URL only when it points to this host, otherwise nil",
    "https://api.rubyonrails.org/classes/ActionController/Redirecting.html#method-i-redirect_to",
    neg_url="https://api.rubyonrails.org/classes/ActionController/Redirecting.html#method-i-url_from",
    before='redirect_to root_path')

twin("activerecord", R, "sql_injection", "app/controllers/invoices_controller.rb", '''
class InvoicesController < ApplicationController
  def lookup
    <<X>>
    render json: invoices
  end
end
''', 'invoices = Invoice.find_by_sql("SELECT * FROM invoices WHERE number = \'#{params[:number]}\' AND account_id = #{current_account.id}")⟪!⟫',
    'invoices = Invoice.find_by_sql(["SELECT * FROM invoices WHERE number = ? AND account_id = ?", params[:number], current_account.id])',
    "find_by_sql with params interpolated into the SQL string",
    "find_by_sql with an array: ? placeholders are bound",
    "https://api.rubyonrails.org/classes/ActiveRecord/Querying.html#method-i-find_by_sql")

twin("activerecord-order", R, "sql_injection", "app/controllers/products_controller.rb", '''
class ProductsController < ApplicationController
  SORTABLE = %w[name price created_at].freeze

  def index
    <<X>>
    render json: @products
  end
end
''', '@products = Product.order("#{params[:sort]} #{params[:direction]}")⟪!⟫', '''
column = SORTABLE.include?(params[:sort]) ? params[:sort] : "name"
direction = params[:direction] == "desc" ? :desc : :asc
@products = Product.order(column => direction)''',
    "order() receives a SQL fragment built from two params",
    "column and direction come from allow-lists and are passed as a hash",
    "https://guides.rubyonrails.org/security.html#sql-injection",
    neg_url="https://guides.rubyonrails.org/active_record_querying.html#ordering")

twin("rails", R, "trust_boundary", "app/controllers/workspaces_controller.rb", '''
class WorkspacesController < ApplicationController
  def switch
    <<X>>
    redirect_to dashboard_path
  end
end
''', 'session[:workspace_id] = params[:workspace_id]⟪!⟫', '''
workspace = current_user.workspaces.find(params[:workspace_id])
session[:workspace_id] = workspace.id''',
    "request parameter stored in the session as the active workspace",
    "workspace looked up among the current user's workspaces first",
    "https://guides.rubyonrails.org/security.html#sessions")

twin("rails-marshal", R, "insecure_deserialization", "app/controllers/concerns/saved_filters.rb", '''
require "base64"

module SavedFilters
  extend ActiveSupport::Concern

  def saved_filters
    raw = cookies[:filters]
    return {} if raw.blank?

    <<X>>
  end
end
''', 'Marshal.load(Base64.urlsafe_decode64(raw))⟪!⟫', 'JSON.parse(Base64.urlsafe_decode64(raw))',
    "Marshal.load on a cookie value (Marshal can instantiate arbitrary objects)",
    "cookie parsed as JSON",
    "https://docs.ruby-lang.org/en/3.3/Marshal.html",
    neg_url="https://docs.ruby-lang.org/en/3.3/JSON.html#method-i-parse")

twin("rails-yaml", R, "insecure_deserialization", "app/controllers/pipelines_controller.rb", '''
class PipelinesController < ApplicationController
  def import
    <<X>>
    @pipeline = Pipeline.create!(name: spec["name"], steps: spec["steps"])
    redirect_to @pipeline
  end
end
''', 'spec = YAML.unsafe_load(params[:file].read)⟪!⟫', 'spec = YAML.safe_load(params[:file].read, permitted_classes: [Date])',
    "YAML.unsafe_load on an uploaded file can build arbitrary Ruby objects",
    "YAML.safe_load with an explicit permitted class list",
    "https://docs.ruby-lang.org/en/3.3/Psych.html#method-c-unsafe_load",
    neg_url="https://docs.ruby-lang.org/en/3.3/Psych.html#method-c-safe_load")

twin("rails-net-http", R, "ssrf", "app/controllers/link_previews_controller.rb", '''
require "net/http"

class LinkPreviewsController < ApplicationController
  ALLOWED_HOSTS = %w[www.youtube.com vimeo.com].freeze

  def show
    uri = URI.parse(params[:url].to_s)
    <<X>>
    render json: { title: body[/<title>(.*?)<\\/title>/m, 1] }
  end
end
''', 'body = Net::HTTP.get(uri)⟪!⟫', '''
return head(:bad_request) unless uri.is_a?(URI::HTTPS) && ALLOWED_HOSTS.include?(uri.host)
body = Net::HTTP.get(uri)''',
    "Net::HTTP.get on a URL from params",
    "HTTPS and an allow-listed host are required first",
    "https://docs.ruby-lang.org/en/3.3/Net/HTTP.html#method-c-get")

twin("nokogiri", R, "xxe", "app/controllers/imports_controller.rb", '''
class ImportsController < ApplicationController
  def create
    xml = request.raw_post
    <<X>>
    count = ProductImport.new(doc).run
    render json: { imported: count }
  end
end
''', 'doc = Nokogiri::XML(xml) { |config| config.strict.noent.dtdload }⟪!⟫',
    'doc = Nokogiri::XML(xml) { |config| config.strict.nonet }',
    "Nokogiri parses the request body with NOENT and DTDLOAD (entity substitution, external DTDs)",
    "default-safe options plus NONET",
    "https://nokogiri.org/rdoc/Nokogiri/XML/ParseOptions.html")

twin("sinatra", R, "xss", "app.rb", '''
require "sinatra"
require "rack/utils"

get "/hello" do
  name = params["name"] || "world"
  <<X>>
end
''', '"<h1>Hello, #{name}!</h1>"⟪!⟫', '"<h1>Hello, #{Rack::Utils.escape_html(name)}!</h1>"',
    "Sinatra route returns an HTML string with a param interpolated",
    "Rack::Utils.escape_html escapes the value",
    "https://sinatrarb.com/intro.html#return-values",
    neg_url="https://www.rubydoc.info/gems/rack/Rack/Utils#escape_html-class_method")

twin("sinatra", R, "open_redirect", "routes/auth.rb", '''
require "sinatra/base"

class AuthRoutes < Sinatra::Base
  post "/login" do
    halt 401 unless authenticate(params["email"], params["password"])
    target = params["next"].to_s
    <<X>>
  end
end
''', 'redirect target⟪!⟫', 'redirect to(target.start_with?("/") && !target.start_with?("//") ? target : "/")',
    "Sinatra redirect to a request parameter",
    "only local paths are accepted and resolved with to()",
    "https://sinatrarb.com/intro.html#browser-redirect")

twin("sinatra", R, "command_injection", "routes/convert.rb", '''
require "sinatra/base"

class ConvertRoutes < Sinatra::Base
  post "/convert" do
    src = File.join("/srv/uploads", File.basename(params["file"].to_s))
    <<X>>
    send_file "/srv/out/converted.pdf"
  end
end
''', 'system("libreoffice --headless --convert-to pdf --outdir /srv/out #{src}")⟪!⟫',
    'system("libreoffice", "--headless", "--convert-to", "pdf", "--outdir", "/srv/out", src)',
    "system with one interpolated string runs through the shell",
    "system with separate arguments runs the program without a shell",
    "https://docs.ruby-lang.org/en/3.3/Kernel.html#method-i-system")

twin("mongo-ruby", R, "nosql_injection", "app/controllers/members_controller.rb", '''
class MembersController < ApplicationController
  def index
    members = Mongo::Client.new(ENV.fetch("MONGO_URL"))[:members]
    <<X>>
    render json: docs.to_a
  end
end
''', 'docs = members.find("$where" => "this.team == \'#{params[:team]}\'")⟪!⟫',
    'docs = members.find(team: params[:team].to_s)',
    "$where JavaScript interpolating a request parameter",
    "equality filter with the value coerced to a string",
    "https://www.mongodb.com/docs/manual/reference/operator/query/where/",
    neg_url="https://www.mongodb.com/docs/ruby-driver/current/tutorials/ruby-driver-crud-operations/")

case("fw-ruby-rspec-path_traversal-neg", R, "path_traversal", "negative", [
    new("spec/requests/static_pages_spec.rb", '''
require "rails_helper"

RSpec.describe "static pages", type: :request do
  let(:dir) { Rails.root.join("public") }

  it "serves the landing page unchanged" do
    get "/"
    expect(response.body).to eq(File.read(File.join(dir, "index.html")))
  end
end
''')], "RSpec request spec reads a fixed file under public/; nothing comes from a request",
    "https://rspec.info/features/7-0/rspec-rails/request-specs/request-spec/")
