-- The cheapest answer of the API: a login for an unknown appId (404 with a JSON body).
wrk.method = "POST"
wrk.body = "{\"username\":\"a\",\"password\":\"b\"}"
wrk.headers["Content-Type"] = "application/json"
