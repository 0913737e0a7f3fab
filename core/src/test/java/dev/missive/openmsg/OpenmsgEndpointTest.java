package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.openmsg.model.ResponseCode;
import org.junit.jupiter.api.Test;

class OpenmsgEndpointTest {

    @Test
    void pathsAreTheReferencePaths() {
        assertThat(OpenmsgEndpoint.values())
                .extracting(OpenmsgEndpoint::path)
                .containsExactly("auth/", "auth-confirm/", "message-receive/", "message-confirm/");
    }

    @Test
    void fromPathAcceptsTheMissingTrailingSlashOnly() {
        for (OpenmsgEndpoint endpoint : OpenmsgEndpoint.values()) {
            assertThat(OpenmsgEndpoint.fromPath(endpoint.path())).contains(endpoint);
            assertThat(OpenmsgEndpoint.fromPath(endpoint.path().replace("/", "")))
                    .contains(endpoint);
        }
        assertThat(OpenmsgEndpoint.fromPath("/auth/")).isEmpty();
        assertThat(OpenmsgEndpoint.fromPath("AUTH/")).isEmpty();
        assertThat(OpenmsgEndpoint.fromPath("sandbox/auth/")).isEmpty();
        assertThat(OpenmsgEndpoint.fromPath(null)).isEmpty();
    }

    @Test
    void responseCodesCarryTheDigestErrorCodes() {
        assertThat(ResponseCode.SM_S888.errorCode()).isEmpty();
        assertThat(ResponseCode.SM_E004.errorCode()).contains("message_hash_invalid");
        assertThat(ResponseCode.SM_E007.errorCode()).contains("message_nonce_error");
        assertThat(ResponseCode.fromWire("SM_E009")).contains(ResponseCode.SM_E009);
        assertThat(ResponseCode.fromWire("sm_e009")).isEmpty();
        assertThat(new MessageRejectedException(ResponseCode.SM_E001, "x").wireCode())
                .isEqualTo("SM_E001");
        assertThat(new MessageRejectedException(ResponseCode.SM_E001, "x").protocol())
                .isEqualTo("openmsg");
    }
}
