package io.brigade.platform.jdbc;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * PostgreSQL refuses the NUL character (U+0000) in text, which JSON and Java strings can hold. Every text a statement
 * binds has its NUL characters replaced by U+FFFD, once here for every table of the service, so that whatever an
 * accepted event carries (also an event published before input was checked) can be stored by any projection.
 */
public class StorableTextDataSource extends DelegatingDataSource {

    static final char NUL = '\u0000';
    static final char REPLACEMENT = '\uFFFD';

    private static final Set<String> TEXT_SETTERS = Set.of("setString", "setNString", "setObject");

    public StorableTextDataSource(DataSource target) {
        super(target);
    }

    /** The text as PostgreSQL can store it. */
    public static String storable(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connection(super.getConnection(username, password));
    }

    private static Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args) -> {
            if (method.getName().equals("createArrayOf") && args[1] instanceof Object[] elements) {
                args[1] = storableElements(elements);
            }
            Object result = invoke(target, method, args);
            if (result instanceof CallableStatement call && method.getName().equals("prepareCall")) {
                return statement(CallableStatement.class, call);
            }
            if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")) {
                return statement(PreparedStatement.class, statement);
            }
            return result;
        });
    }

    private static <S extends PreparedStatement> S statement(Class<S> type, S target) {
        return proxy(type, target, (method, args) -> {
            if (args != null && args.length >= 2 && TEXT_SETTERS.contains(method.getName())
                    && args[1] instanceof String text) {
                args[1] = storable(text);
            }
            return invoke(target, method, args);
        });
    }

    private static Object[] storableElements(Object[] elements) {
        Object[] copy = elements.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] instanceof String text) {
                copy[i] = storable(text);
            }
        }
        return copy;
    }

    private interface Call {
        Object on(Method method, Object[] args) throws Throwable;
    }

    /** A proxy that is equal only to itself, as connection pools and transaction managers expect. */
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "equals" -> args.length == 1 && proxy == args[0];
            case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(proxy) : call.on(method, args);
            case "toString" -> method.getParameterCount() == 0 ? "storable text " + target : call.on(method, args);
            default -> call.on(method, args);
        };
        return type.cast(Proxy.newProxyInstance(StorableTextDataSource.class.getClassLoader(),
                new Class<?>[]{type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
