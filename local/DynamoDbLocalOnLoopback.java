import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;

/**
 * Starts DynamoDB Local as its own main class does, but listening on 127.0.0.1 only: it accepts any
 * credentials, and it has no option for the address. Run by Java's source launcher (`java -cp
 * DynamoDBLocal.jar DynamoDbLocalOnLoopback.java …`), so nothing is compiled ahead; reflection keeps it free of
 * a compile-time classpath.
 */
public class DynamoDbLocalOnLoopback {
  public static void main(String[] args) throws Exception {
    try {
      Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
      Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
      Field field = proxy.getClass().getDeclaredField("server");
      field.setAccessible(true);
      Object jetty = field.get(proxy);
      for (Object connector : (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty)) {
        connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
      }
      proxy.getClass().getMethod("start").invoke(proxy);
    } catch (InvocationTargetException e) {
      // DynamoDB Local's own message ("Invalid directory for database creation."), as its main class prints it.
      System.err.println(e.getCause().getMessage());
      System.exit(1);
    }
  }
}
