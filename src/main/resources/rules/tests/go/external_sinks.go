package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
)

func Done(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: open_redirect
	http.Redirect(w, r, next, http.StatusFound)
}

func Home(w http.ResponseWriter, r *http.Request) {
	// ok: open_redirect
	http.Redirect(w, r, "/home", http.StatusFound)
}

func GinDone(c *gin.Context) {
	// ruleid: open_redirect
	c.Redirect(http.StatusFound, c.Query("next"))
}

func Preview(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	// ruleid: ssrf
	resp, err := http.Get(target)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	// ruleid: ssrf
	req, _ := http.NewRequest("GET", r.FormValue("feed"), nil)
	// ok: ssrf
	status, _ := http.Get("https://status.example.com/api")
	_, _ = req, status
}

func Search(coll *mongo.Collection, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: nosql_injection
	cur, _ := coll.Find(context.TODO(), bson.M{"$where": "this.name == '" + name + "'"})
	_ = cur
}

func SearchByName(coll *mongo.Collection, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ok: nosql_injection
	cur, _ := coll.Find(context.TODO(), bson.M{"name": name})
	_ = cur
}
