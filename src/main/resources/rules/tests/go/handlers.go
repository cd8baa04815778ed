package handlers

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
)

func Search(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: sql_injection
	rows, _ := db.Query("SELECT id FROM users WHERE name = '" + name + "'")
	defer rows.Close()
	// ok: sql_injection
	rows2, _ := db.Query("SELECT id FROM users WHERE name = $1", name)
	defer rows2.Close()
	// ruleid: xss
	fmt.Fprintf(w, "<p>%s</p>", name)
}

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	// ruleid: command_injection
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	// ok: command_injection
	out2, _ := exec.Command("ping", "-c", "1", "example.org").Output()
	w.Write(append(out, out2...))
}

func Read(w http.ResponseWriter, r *http.Request) {
	// ruleid: path_traversal
	data, _ := os.ReadFile("/srv/files/" + r.URL.Query().Get("f"))
	w.Write(data)
}
