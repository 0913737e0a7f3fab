/**
 * OSMS over HTTP: the directory server's endpoints on the embedded HTTP server
 * ({@link dev.missive.http.osms.OsmsHttpServer}) and the client's transport on OkHttp, optionally
 * through a SOCKS5 proxy such as Tor ({@link dev.missive.http.osms.OkHttpOsmsTransport}).
 */
package dev.missive.http.osms;
