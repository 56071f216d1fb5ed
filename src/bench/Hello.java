/** The floor every start-up figure is compared with: a bare JVM printing one line. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("Hello");
  }
}
