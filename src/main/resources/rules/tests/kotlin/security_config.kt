import org.springframework.context.annotation.Bean
import org.springframework.security.config.annotation.web.builders.HttpSecurity
import org.springframework.security.config.annotation.web.invoke
import org.springframework.security.web.SecurityFilterChain

class SecurityConfig {
    @Bean
    fun filterChain(http: HttpSecurity): SecurityFilterChain {
        http {
            // ruleid: csrf
            csrf { disable() }
            authorizeHttpRequests { authorize(anyRequest, authenticated) }
        }
        return http.build()
    }

    @Bean
    fun apiChain(http: HttpSecurity): SecurityFilterChain {
        // ok: csrf
        http.csrf { it.ignoringRequestMatchers("/webhooks/**") }
        return http.build()
    }
}
