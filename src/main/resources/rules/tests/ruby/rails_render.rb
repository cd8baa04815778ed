class PagesController < ApplicationController
  def preview
    # ruleid: xss
    render(inline: "<p>#{params[:name]}</p>")
  end

  def badge
    # ruleid: xss
    render html: params[:name].html_safe
  end

  def show
    # ok: xss
    render(html: "<b>#{params[:q]}</b>")
  end

  def page
    # ok: xss
    render(inline: "<p><%= params[:name] %></p>")
  end
end
