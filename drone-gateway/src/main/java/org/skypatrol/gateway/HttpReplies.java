package org.skypatrol.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The one way the gateway's small HTTP servers (replay, broadcast, metrics) build a whole response:
 * status, content type and length; for HEAD (RFC 9110 §9.3.2) the length of the body that GET would
 * send, and no body.
 */
public final class HttpReplies {

    private HttpReplies() {
    }

    public static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body, boolean head) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(res, body.length);
        return res;
    }
}
