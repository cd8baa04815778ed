"""Go: net/http, html/template, database/sql, Gin, Echo, Fiber, GORM, mongo-go-driver."""
from gen import twin, case, new, mod

G = "go"

twin("net-http", G, "xss", "internal/web/notice.go", '''
package web

import (
    "encoding/json"
    "net/http"
)

func NoticeHandler(w http.ResponseWriter, r *http.Request) {
    msg := r.URL.Query().Get("msg")
    <<X>>
}
''', '''
w.Header().Set("Content-Type", "text/html; charset=utf-8")
w.Write([]byte("<div class=\\"notice\\">" + msg + "</div>"))⟪!⟫''', '''
w.Header().Set("Content-Type", "application/json")
json.NewEncoder(w).Encode(map[string]string{"notice": msg})''',
    "handler writes a query parameter into an HTML body",
    "answer is JSON",
    "https://pkg.go.dev/net/http#ResponseWriter",
    neg_url="https://pkg.go.dev/encoding/json#Encoder.Encode")

twin("html-template", G, "xss", "internal/web/profile.go", '''
package web

import (
    "html/template"
    "net/http"
)

var profileTmpl = template.Must(template.ParseFiles("templates/profile.html"))

type profileView struct {
    Name string
    Bio  template.HTML
}

func ProfilePreview(w http.ResponseWriter, r *http.Request) {
    <<X>>
    profileTmpl.Execute(w, view)
}
''', 'view := profileView{Name: r.FormValue("name"), Bio: template.HTML(r.FormValue("bio"))}⟪!⟫',
    'view := profileView{Name: r.FormValue("name"), Bio: template.HTML(template.HTMLEscapeString(r.FormValue("bio")))}',
    "form value converted to template.HTML, which html/template inserts without escaping",
    "value escaped with HTMLEscapeString before it is marked as HTML",
    "https://pkg.go.dev/html/template#HTML",
    neg_url="https://pkg.go.dev/html/template#HTMLEscapeString")

twin("net-http", G, "open_redirect", "internal/auth/callback.go", '''
package auth

import (
    "net/http"
    "net/url"
    "strings"
)

func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
    if err := h.completeLogin(w, r); err != nil {
        http.Error(w, "login failed", http.StatusUnauthorized)
        return
    }
    next := r.URL.Query().Get("next")
    <<X>>
}
''', 'http.Redirect(w, r, next, http.StatusFound)⟪!⟫', '''
u, err := url.Parse(next)
if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") {
    next = "/"
}
http.Redirect(w, r, next, http.StatusFound)''',
    "http.Redirect to the next query parameter",
    "next must parse as a relative path without host",
    "https://pkg.go.dev/net/http#Redirect",
    before='http.Redirect(w, r, "/", http.StatusFound)')

twin("net-http", G, "ssrf", "internal/web/fetch.go", '''
package web

import (
    "io"
    "net/http"
    "net/url"
)

var allowedHosts = map[string]bool{"raw.githubusercontent.com": true}

func FetchManifest(w http.ResponseWriter, r *http.Request) {
    target := r.URL.Query().Get("url")
    <<X>>
    defer resp.Body.Close()
    io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}
''', '''
resp, err := http.Get(target)⟪!⟫
if err != nil {
    http.Error(w, "fetch failed", http.StatusBadGateway)
    return
}''', '''
u, err := url.Parse(target)
if err != nil || u.Scheme != "https" || !allowedHosts[u.Hostname()] {
    http.Error(w, "host not allowed", http.StatusBadRequest)
    return
}
resp, err := http.Get(u.String())
if err != nil {
    http.Error(w, "fetch failed", http.StatusBadGateway)
    return
}''',
    "http.Get on a URL from the query string",
    "scheme and host checked against an allow-list first",
    "https://pkg.go.dev/net/http#Get")

twin("database-sql", G, "sql_injection", "internal/store/customers.go", '''
package store

import (
    "database/sql"
    "net/http"
)

type Store struct{ db *sql.DB }

func (s *Store) CustomersByCity(w http.ResponseWriter, r *http.Request) {
    city := r.URL.Query().Get("city")
    <<X>>
    if err != nil {
        http.Error(w, "query failed", http.StatusInternalServerError)
        return
    }
    defer rows.Close()
    writeCustomers(w, rows)
}
''', 'rows, err := s.db.QueryContext(r.Context(), "SELECT id, name FROM customers WHERE city = \'"+city+"\'")⟪!⟫',
    'rows, err := s.db.QueryContext(r.Context(), "SELECT id, name FROM customers WHERE city = $1", city)',
    "database/sql query text concatenated from a query parameter",
    "placeholder $1 with the value as an argument",
    "https://go.dev/doc/database/sql-injection")

twin("gin", G, "xss", "internal/api/search.go", '''
package api

import (
    "net/http"

    "github.com/gin-gonic/gin"
)

func Search(c *gin.Context) {
    q := c.Query("q")
    <<X>>
}
''', 'c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h2>No results for "+q+"</h2>"))⟪!⟫',
    'c.JSON(http.StatusOK, gin.H{"query": q, "results": []string{}})',
    "Gin c.Data answers text/html containing the q parameter",
    "c.JSON answers application/json",
    "https://pkg.go.dev/github.com/gin-gonic/gin#Context.Data",
    neg_url="https://gin-gonic.com/en/docs/examples/rendering/")

twin("gin", G, "open_redirect", "internal/api/links.go", '''
package api

import (
    "net/http"

    "github.com/gin-gonic/gin"
)

var shortLinks = map[string]string{"docs": "https://docs.example.com", "blog": "https://blog.example.com"}

func Go(c *gin.Context) {
    <<X>>
}
''', 'c.Redirect(http.StatusFound, c.Query("url"))⟪!⟫', '''
target, ok := shortLinks[c.Query("to")]
if !ok {
    target = "/"
}
c.Redirect(http.StatusFound, target)''',
    "Gin redirect to a URL from the query string",
    "query only selects a key in a fixed map",
    "https://gin-gonic.com/en/docs/examples/redirects/")

twin("gorm", G, "sql_injection", "internal/api/users.go", '''
package api

import (
    "fmt"
    "net/http"

    "github.com/gin-gonic/gin"
    "gorm.io/gorm"
)

type UserAPI struct{ DB *gorm.DB }

func (a *UserAPI) List(c *gin.Context) {
    var users []User
    <<X>>
    c.JSON(http.StatusOK, users)
}
''', 'a.DB.Where(fmt.Sprintf("email LIKE \'%%%s%%\'", c.Query("email"))).Find(&users)⟪!⟫',
    'a.DB.Where("email LIKE ?", "%"+c.Query("email")+"%").Find(&users)',
    "GORM Where receives a condition string formatted with a query parameter",
    "Where with a ? placeholder and the value as an argument",
    "https://gorm.io/docs/security.html")

twin("gorm-order", G, "sql_injection", "internal/api/products.go", '''
package api

import (
    "net/http"

    "github.com/gin-gonic/gin"
    "gorm.io/gorm"
)

var sortColumns = map[string]string{"price": "price", "name": "name", "newest": "created_at desc"}

func ListProducts(db *gorm.DB) gin.HandlerFunc {
    return func(c *gin.Context) {
        var products []Product
        <<X>>
        c.JSON(http.StatusOK, products)
    }
}
''', 'db.Order(c.DefaultQuery("sort", "name")).Find(&products)⟪!⟫', '''
order, ok := sortColumns[c.DefaultQuery("sort", "name")]
if !ok {
    order = "name"
}
db.Order(order).Find(&products)''',
    "GORM Order with a raw query parameter (GORM docs list Order among methods that take SQL)",
    "sort key mapped through an allow-list",
    "https://gorm.io/docs/security.html#SQL-injection-Methods")

twin("echo", G, "xss", "internal/handlers/unsubscribe.go", '''
package handlers

import (
    "net/http"

    "github.com/labstack/echo/v4"
)

func Unsubscribe(c echo.Context) error {
    list := c.QueryParam("list")
    <<X>>
}
''', 'return c.HTML(http.StatusOK, "<p>You left the <b>"+list+"</b> mailing list.</p>")⟪!⟫',
    'return c.JSON(http.StatusOK, map[string]string{"unsubscribed": list})',
    "Echo c.HTML with a query parameter concatenated into the markup",
    "c.JSON answers application/json",
    "https://echo.labstack.com/docs/response#send-html")

twin("echo", G, "open_redirect", "internal/handlers/lang.go", '''
package handlers

import (
    "net/http"
    "strings"

    "github.com/labstack/echo/v4"
)

func SetLanguage(c echo.Context) error {
    c.SetCookie(&http.Cookie{Name: "lang", Value: c.FormValue("lang"), Path: "/", HttpOnly: true})
    back := c.FormValue("back")
    <<X>>
}
''', 'return c.Redirect(http.StatusSeeOther, back)⟪!⟫', '''
if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") {
    back = "/"
}
return c.Redirect(http.StatusSeeOther, back)''',
    "Echo redirect to a form value",
    "only local paths are accepted",
    "https://echo.labstack.com/docs/response#redirect-request")

twin("fiber", G, "xss", "internal/server/preview.go", '''
package server

import "github.com/gofiber/fiber/v2"

func Preview(c *fiber.Ctx) error {
    title := c.Query("title")
    <<X>>
}
''', '''
c.Type("html")
return c.SendString("<h1>" + title + "</h1>")⟪!⟫''', 'return c.JSON(fiber.Map{"title": title})',
    "Fiber response typed html with a query parameter in the body",
    "c.JSON answers application/json",
    "https://docs.gofiber.io/api/ctx#sendstring",
    neg_url="https://docs.gofiber.io/api/ctx#json")

twin("fiber", G, "path_traversal", "internal/server/files.go", '''
package server

import (
    "path/filepath"
    "strings"

    "github.com/gofiber/fiber/v2"
)

const uploadRoot = "/srv/app/uploads"

func Download(c *fiber.Ctx) error {
    <<X>>
    return c.SendFile(path)
}
''', 'path := filepath.Join(uploadRoot, c.Query("file"))⟪!⟫', '''
path := filepath.Join(uploadRoot, filepath.Clean("/"+c.Query("file")))
if !strings.HasPrefix(path, uploadRoot+string(filepath.Separator)) {
    return fiber.ErrNotFound
}''',
    "query parameter joined onto the upload root and sent with SendFile",
    "value cleaned as a rooted path and the result checked to stay under the root",
    "https://docs.gofiber.io/api/ctx#sendfile",
    neg_url="https://pkg.go.dev/path/filepath#Clean")

twin("mongo-go", G, "nosql_injection", "internal/store/tasks.go", '''
package store

import (
    "net/http"

    "go.mongodb.org/mongo-driver/bson"
    "go.mongodb.org/mongo-driver/mongo"
)

type TaskAPI struct{ tasks *mongo.Collection }

func (a *TaskAPI) ByOwner(w http.ResponseWriter, r *http.Request) {
    owner := r.URL.Query().Get("owner")
    <<X>>
    if err != nil {
        http.Error(w, "query failed", http.StatusInternalServerError)
        return
    }
    writeTasks(w, r.Context(), cur)
}
''', 'cur, err := a.tasks.Find(r.Context(), bson.M{"$where": "this.owner == \'" + owner + "\'"})⟪!⟫',
    'cur, err := a.tasks.Find(r.Context(), bson.D{{Key: "owner", Value: owner}})',
    "$where JavaScript built by concatenating a query parameter",
    "equality filter document with the value as data",
    "https://www.mongodb.com/docs/manual/reference/operator/query/where/",
    neg_url="https://www.mongodb.com/docs/drivers/go/current/fundamentals/crud/read-operations/query-document/")

case("fw-go-test-command_injection-neg", G, "command_injection", "negative", [
    new("internal/backup/backup_test.go", '''
package backup

import (
    "os/exec"
    "path/filepath"
    "testing"
)

func TestArchiveListsFiles(t *testing.T) {
    dir := t.TempDir()
    archive := filepath.Join(dir, "out.tar.gz")
    if err := Archive("testdata/site", archive); err != nil {
        t.Fatal(err)
    }
    out, err := exec.Command("sh", "-c", "tar -tzf "+archive+" | sort").Output()
    if err != nil || len(out) == 0 {
        t.Fatalf("tar listing failed: %v", err)
    }
}
''')], "Go test shells out on a path under t.TempDir(); no untrusted input",
    "https://pkg.go.dev/testing#T.TempDir")
