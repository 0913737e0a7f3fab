package dev.missive.smp;

import dev.missive.crypto.Encodings;

/**
 * Public keys that belong to no queue. The server verifies against one of them when a command that
 * ends in {@code ERR AUTH} has no real key to verify with (unknown queue, signed {@code SEND} to an
 * unsecured queue), so that every {@code ERR AUTH} path does a verification of the same kind. They
 * were generated once for this purpose; their private halves were discarded.
 */
final class DummyKeys {

    static final byte[] ED25519 = Encodings.fromBase64("MCowBQYDK2VwAyEAc0NwJ4Qwondsdy40B7MGRYWsnDwdMPiaK6HtCB0DFz4=");

    static final byte[] RSA_1024 = Encodings.fromBase64(
            "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCiywNdX3M5w57SH3aqu94PLld0XIu+6aru/fFEvZL107QF15eGenczyatQBchd"
                    + "afoPhe7zNsdolmm0w3OrXs6bxsQK1AUsXbVO1d1uRbrAFsuwuxotK0hzMoVUCRxy/OD5kUmrsssVnTSmmgrx5+EY976mC18aQSf0"
                    + "mq4a59HBrwIDAQAB");

    static final byte[] RSA_2048 = Encodings.fromBase64(
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAiB1PQN+SSN8B/dSJTPfhWeT9G5T5/MtGhOjQdQzFlGasXCOReXPC0QO1"
                    + "qD50Z82dMtrGrX6MLUQc6kWtlkuhhB/R+FnIeINn1C2J0eofHJ4bOmAfAp7DI4ET5eTk7DtzD7i/tfS1Yf6aWN0mRinB2S/N8ZCo"
                    + "GKJ0vWVcCpvsyMb8CaQKX3C/HUc0QfO4gxrk644YEadiUIEJvi98AJV2fCmFNNXHKrctWbvkBgpV7lXLwBb85hDNvck7jYYcQraa"
                    + "lCYMtgtM8lCI+jC/whe2ZDSi9IV06Fzr2wh4aajhaAKAu6wTrnkuU8VT61Em/gYhcH63o1ossb6RZm3tPgcc6wIDAQAB");

    static final byte[] RSA_3072 = Encodings.fromBase64(
            "MIIBojANBgkqhkiG9w0BAQEFAAOCAY8AMIIBigKCAYEApUQ1ZZSX+EKANae5Sv7dou9Dt1Hx41ja7VW+10P4t/U4UqRg7FSDXr4A"
                    + "N+jVLaDMg+3bC6gryjnFhtrFjaD/yvq+3RbFUQkOVwvNcsxLBLx/3UF4Jth3Q1AyJHD+RJgUz1nxMaPzRDWZfU+KjtSwpNqG5B99"
                    + "62CKIsNp0utatO23d8IL2v7OR8K9uFPHn84dVrcLEPSq3Hfa3jwNsR9FFx63NM7a4ZLdRh6Sj0QGk7pjQjvmDXu8jliqKYaBf8yD"
                    + "gBcVWuqvr79qcOlDBJIC6TDL4EU8Qt85Ojtc4zFsZIb6P6oiWFJscfJgkI6wjo91AcVRwm8bUe6PGSQidBvPU0IwWB59ZLYFOluU"
                    + "56ezQuXo8PrcJbgdXl8YglRPVGp2JMKH15bk0pDuhWRagG4xm3kExWL8Blz7ljVfWm9EbWGNnYTYo+mLEQNDMg/bWD9wxLlWyE4E"
                    + "1NWtFxPKJJZItTRKCxfD6IcFAUlfLu5cR2r53QOF7ZtWlAsTiIgtIDyBAgMBAAE=");

    static final byte[] RSA_4096 = Encodings.fromBase64(
            "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAyKPtFqKYpXMcMpR6LyNCmT4OdK6+cJUjDQF4lemXEz9OOLa+750eiao2"
                    + "i75JJMZ95GDpVlrpu/3Ex1O3HWVf9FKZb7LXUE7kIoPgxZUyVi/MaDPzXCudBtuhuaobIfwd670F25T5lype+wXhjc8Y0xhRhcQH"
                    + "Ts1URsJSjKy2UV5eZMB19WZzeoAbwrNXTRqyqMwxznVQtdpTGF5dwXt+Rot0EkbOJCsHUpVFC9RSfUv08wfB8XMF8DR0feqgwblY"
                    + "vWPoQX6eGx0JZP9rNiQhca2xQYXqZ21sw287guTsTBdUtzYyeYj9SnlQGj5T0eQ6vzsdfpQIYGnkZn9veZ6IM3ejfPCyUXvk++R4"
                    + "t6BjNP14uhfo+PCvT1hcLf7pg2zuwCfTkWvXsdLLgUHdIaU65hOVUTL2CziRO6Z9eJxsFoGsZj7I+bjnF8jvRoj59Ca23E9ef7QC"
                    + "GnkpOTA/AeMEzJSTng/E8xV0/4myB4g04VkGJWzeGGfMMjOaXlbhekpBvjxb30XyT9N/B3XE04C2tQa5p6GElWR8+hqvjJVT/4re"
                    + "RK6eGQq/Xg5UG23f5guXWkS95tY5fbdOF5vX+Jh5FlmJh8EdXP5sP7eUVlAK9RoswjGFYLtZD991neE5yzoIRZAN1WxSZN/AoQZP"
                    + "UtCzVAFV3iYDSJYycC/DSXktb8MCAwEAAQ==");

    private DummyKeys() {}
}
