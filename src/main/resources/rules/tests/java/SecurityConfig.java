import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

public class SecurityConfig {
  @Bean
  SecurityFilterChain legacy(HttpSecurity http) throws Exception {
    // ruleid: csrf
    http.csrf().disable().authorizeRequests().anyRequest().authenticated();
    return http.build();
  }

  @Bean
  SecurityFilterChain lambda(HttpSecurity http) throws Exception {
    http
        // ruleid: csrf
        .csrf(csrf -> csrf.disable())
        .authorizeHttpRequests(a -> a.anyRequest().authenticated());
    return http.build();
  }

  @Bean
  SecurityFilterChain reference(HttpSecurity http) throws Exception {
    // ruleid: csrf
    http.csrf(AbstractHttpConfigurer::disable);
    return http.build();
  }

  @Bean
  SecurityFilterChain cookies(HttpSecurity http) throws Exception {
    // ok: csrf
    http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()));
    return http.build();
  }
}
