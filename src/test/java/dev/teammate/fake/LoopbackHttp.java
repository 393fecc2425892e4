package dev.teammate.fake;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** Starts the JDK's HTTP server on the loopback interface only, as every local stand-in for a vendor's API does. */
public final class LoopbackHttp {

    private LoopbackHttp() {
    }

    /**
     * @param port    the port, or 0 for a free one
     * @param path    the context path the handler serves ({@code /} for all)
     * @param what    what the server stands in for, for the error message
     */
    public static HttpServer start(int port, String path, HttpHandler handler, Executor executor, String what) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try {
            HttpServer server = HttpServer.create(address, 64);
            server.createContext(path, handler);
            server.setExecutor(executor);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + what + " to " + address, e);
        }
    }
}
