package web

import (
	"net/http"

	"github.com/gorilla/csrf"
)

func skipForWebhooks(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// ruleid: csrf
		r = csrf.UnsafeSkipCheck(r)
		// ok: csrf
		token := csrf.Token(r)
		w.Header().Set("X-CSRF-Token", token)
		next.ServeHTTP(w, r)
	})
}
