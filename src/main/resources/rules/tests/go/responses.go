package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
)

func Unsubscribe(c echo.Context) error {
	list := c.QueryParam("list")
	// ruleid: xss
	return c.HTML(http.StatusOK, "<p>You left the <b>"+list+"</b> mailing list.</p>")
}

func UnsubscribeJSON(c echo.Context) error {
	list := c.QueryParam("list")
	// ok: xss
	return c.JSON(http.StatusOK, map[string]string{"left": list})
}

func Search(c *gin.Context) {
	q := c.Query("q")
	// ruleid: xss
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h2>No results for "+q+"</h2>"))
}

func SearchText(c *gin.Context) {
	q := c.Query("q")
	// ok: xss
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte("No results for "+q))
}

func Preview(c *fiber.Ctx) error {
	title := c.Query("title")
	c.Type("html")
	// ruleid: xss
	return c.SendString("<h1>" + title + "</h1>")
}

func PreviewText(c *fiber.Ctx) error {
	title := c.Query("title")
	// ok: xss
	return c.SendString("title: " + title)
}
