class PaymentsController < ApplicationController
  # ruleid: csrf
  skip_before_action :verify_authenticity_token, only: [:create]
  # ok: csrf
  skip_before_action :authenticate_user!, only: [:index]

  def create
    Payment.create!(amount: params[:amount])
  end
end

class WidgetsController < ActionController::Base
  # ruleid: csrf
  skip_forgery_protection
end

class ApiController < ActionController::Base
  # ruleid: csrf
  protect_from_forgery with: :null_session
end

class PagesController < ActionController::Base
  # ok: csrf
  protect_from_forgery with: :exception
end
