vcl 4.1;
# The edge in front of gunicorn (`make serve-edge`, README «The edge»). It keeps only what
# the origin names for it (Surrogate-Control, Surrogate-Key: newsroom/pagecache/edge.py)
# and forgets it when the origin purges those keys (xkey). Everything else passes, with
# request bodies read whole here first, so a slow client holds a Varnish thread, never one
# of gunicorn's workers.

import std;
import xkey;

# The origin: newsroom.serving.varnish.vcl() writes its port here.
backend origin {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;  # gunicorn's own timeout
    .between_bytes_timeout = 10s;
}

# Who may purge: the app servers (here, this machine).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            # Hard: the very next read goes to the origin, which has the change.
            set req.http.purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.purged));
        }
        return (purge);  # a plain PURGE of one URL
    }

    # The site is Persian only: the origin's Vary: Accept-Language must not split the cache.
    set req.http.Accept-Language = "fa";
    # The origin ignores these in links (a page of its own for each would only cost it).
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # The body whole before the origin is asked: a half-sent body costs it nothing.
        # (The admin's uploads are 5 MB at most; Django's forms far less.)
        if (req.http.Content-Length || req.http.Transfer-Encoding) {
            if (!std.cache_req_body(12MB)) {
                return (synth(413, "Request body too large"));
            }
        }
        return (pass);
    }
    # Staff (a session) and readers with a message waiting get fresh pages from the origin.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (the reader's own) change nothing on a page the origin names for us.
    return (hash);
}

sub vcl_backend_response {
    if (beresp.status == 200 && !beresp.http.Set-Cookie
            && beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        set beresp.grace = 0s;  # purged or expired, never served stale
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        # The same page for every anonymous reader, whatever cookie they bring.
        if (beresp.http.Vary) {
            set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*Cookie\s*(?=,|$)", "");
            set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
            if (beresp.http.Vary == "") {
                unset beresp.http.Vary;
            }
        }
        return (deliver);
    }
    if (bereq.url ~ "^/static/") {
        return (deliver);  # content-hashed files: as long as their Cache-Control says
    }
    # Not named for us (search, feedback, the admin, errors): never kept. Requests for it
    # go on to the origin side by side instead of waiting for one another.
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_deliver {
    # Browsers keep `Cache-Control: public, no-cache` and revalidate.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
        unset resp.http.X-Request-ID;  # the origin's, for the request that built it
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
