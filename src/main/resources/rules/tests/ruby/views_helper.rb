module CommentsHelper
  def render_comment
    # ruleid: xss
    raw("<p>#{params[:body]}</p>")
  end

  def safe_comment
    # ok: xss
    content_tag(:p, params[:body])
  end
end
