package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxAPIBody bounds the HTTP API's answer: it is a few hundred bytes.
const maxAPIBody = 1 << 20

// apiError is a failed GET of /api/v3/gateway/index. wait, when set, is how
// long the API asked to wait (429 and X-Rate-Limit-Reset).
type apiError struct {
	status int
	code   int
	msg    string
	wait   time.Duration
	fatal  bool
}

func (e *apiError) Error() string {
	s := "GET /api/v3/gateway/index: "
	if e.status != 0 {
		s += "HTTP " + strconv.Itoa(e.status)
	}
	if e.code != 0 {
		s += " code " + strconv.Itoa(e.code)
	}
	if e.msg != "" {
		s += ": " + e.msg
	}
	return s
}

func (e *apiError) Unwrap() error {
	if e.fatal {
		return ErrUnauthorized
	}
	return nil
}

// gatewayURL asks the HTTP API once for a gateway URL (http/gateway.md):
//
//	GET {base}/api/v3/gateway/index?compress=0|1
//	Authorization: Bot {token}
//	→ {"code": 0, "message": "...", "data": {"url": "wss://..."}}
func (c *Client) gatewayURL(ctx context.Context) (string, error) {
	compress := "0"
	if c.cfg.Compress {
		compress = "1"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/api/v3/gateway/index?compress="+compress, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bot "+c.cfg.Token)
	resp, err := c.apiClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAPIBody))
	if err != nil {
		return "", err
	}
	var answer struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    struct {
			URL string `json:"url"`
		} `json:"data"`
	}
	jsonErr := json.Unmarshal(body, &answer)
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return "", &apiError{status: resp.StatusCode, code: answer.Code, msg: answer.Message, fatal: true}
	case resp.StatusCode == http.StatusTooManyRequests:
		return "", &apiError{status: resp.StatusCode, code: answer.Code, msg: answer.Message, wait: rateLimitReset(resp.Header)}
	case resp.StatusCode != http.StatusOK:
		return "", &apiError{status: resp.StatusCode, code: answer.Code, msg: answer.Message}
	case jsonErr != nil:
		return "", fmt.Errorf("GET /api/v3/gateway/index: answer is not JSON: %w", jsonErr)
	case answer.Code == 401 || answer.Code == 403:
		// Some refusals come as HTTP 200 with the status in the body.
		return "", &apiError{code: answer.Code, msg: answer.Message, fatal: true}
	case answer.Code != 0:
		return "", &apiError{code: answer.Code, msg: answer.Message}
	case !strings.HasPrefix(answer.Data.URL, "ws://") && !strings.HasPrefix(answer.Data.URL, "wss://"):
		return "", errors.New("GET /api/v3/gateway/index: data.url is not a websocket URL")
	}
	return answer.Data.URL, nil
}

// rateLimitReset reads X-Rate-Limit-Reset, the seconds until the limit
// resets (http/intro.md, 速率限制); 0 when absent or unreadable.
func rateLimitReset(h http.Header) time.Duration {
	secs, err := strconv.ParseFloat(strings.TrimSpace(h.Get("X-Rate-Limit-Reset")), 64)
	if err != nil || secs <= 0 || secs > 3600 {
		return 0
	}
	return time.Duration(secs * float64(time.Second))
}
