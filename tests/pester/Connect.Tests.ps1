# Connecting as a newcomer does it: addresses pasted from other SCIM tools, tokens read from files or pasted with a
# line break, the object New-WireScimToken returned, and Get-WireScimConnection to see where the session points.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $token = 'connect-token-Zq7+/Xw9=='
    $emulator = Start-TestEmulator -Token $token
    $origin = $emulator.Uri

}

AfterAll {
    Disconnect-WireScim
    Stop-TestEmulator $emulator
}

Describe 'Connect-WireScim -Uri with the path forms an admin pastes' {
    AfterEach { Disconnect-WireScim }

    It 'works with <_> appended to the host, warning what it dropped' -ForEach '/scim/v2/Users', '/scim/v2/Users/', '/v8/scim/v2' {
        Connect-WireScim -Uri ($origin + $_) -Token (ConvertTo-TestSecret $token) -WarningVariable warnings -WarningAction SilentlyContinue
        (Get-WireScimConnection).Uri | Should -Be "$origin/scim/v2"
        $warnings | Should -HaveCount 1
        "$warnings" | Should -Match "Using $([regex]::Escape($origin))/scim/v2"
        $created = New-WireScimUser -UserName "pasted.$(Get-Random)" -DisplayName 'Pasted Address' -ExternalId "pasted.$(Get-Random)@example.com"
        Get-EmulatorUser -Emulator $emulator -UserName $created.UserName | Should -Not -BeNullOrEmpty
    }

    It 'takes <_> without a warning' -ForEach '', '/', '/scim', '/scim/', '/scim/v2', '/scim/v2/' {
        Connect-WireScim -Uri ($origin + $_) -Token (ConvertTo-TestSecret $token) -WarningVariable warnings
        $warnings | Should -HaveCount 0
        (Get-WireScimConnection).Uri | Should -Be "$origin/scim/v2"
    }

    It 'refuses /scim/v1, naming /scim/v2' {
        $record = Get-TerminatingError { Connect-WireScim -Uri "$origin/scim/v1" -Token (ConvertTo-TestSecret $token) }
        $record.FullyQualifiedErrorId | Should -Be 'WireScim.InvalidUri,WireScim.Commands.ConnectWireScimCommand'
        $record.Exception.Message | Should -Match 'SCIM v1'
        $record.Exception.Message | Should -Match ([regex]::Escape("$origin/scim/v2"))
        Get-WireScimConnection | Should -BeNullOrEmpty
    }

    It 'refuses user info in the address without repeating the password' {
        $withPassword = $origin -replace '^http://', 'http://admin:Sup3rSecretPw@'
        $record = Get-TerminatingError { Connect-WireScim -Uri "$withPassword/scim/v2" -Token (ConvertTo-TestSecret $token) }
        $record.Exception.Message | Should -Match 'user name or password'
        $record.Exception.Message | Should -Not -Match 'Sup3rSecretPw'
        "$($record.TargetObject)" | Should -Not -Match 'Sup3rSecretPw'
    }

    It 'refuses a query or fragment without repeating it' -ForEach '?access_token=Sup3rSecretPw', '#Sup3rSecretPw' {
        $record = Get-TerminatingError { Connect-WireScim -Uri "$origin/scim/v2$_" -Token (ConvertTo-TestSecret $token) }
        $record.Exception.Message | Should -Match 'query'
        $record.Exception.Message | Should -Not -Match 'Sup3rSecretPw'
        "$($record.TargetObject)" | Should -Not -Match 'Sup3rSecretPw'
    }
}

Describe 'HTTP errors name the request' {
    It 'names the URL of a 404 from a wrong prefix and points at -Uri' {
        # A path prefix the emulator does not serve: every request answers 404 with an empty body.
        Connect-WireScim -Uri "$origin/wire" -Token (ConvertTo-TestSecret $token)
        try {
            $null = Get-WireScimUser -UserName jdoe -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally { Disconnect-WireScim }
        $failures | Should -HaveCount 1
        $failures[0].Exception.Message | Should -Match ([regex]::Escape("(request: GET $origin/wire/scim/v2/Users)"))
        $failures[0].Exception.Message | Should -Match 'Connect-WireScim -Uri'
    }

    It 'names the URL of a rejected token' {
        Connect-WireScim -Uri $origin -Token (ConvertTo-TestSecret 'not-the-token')
        try {
            $record = Get-TerminatingError { Get-WireScimUser -UserName jdoe }
        }
        finally { Disconnect-WireScim }
        $record.FullyQualifiedErrorId | Should -Match '^WireScim.TokenRejected'
        $record.Exception.Message | Should -Match ([regex]::Escape("(request: GET $origin/scim/v2/Users)"))
    }
}

Describe 'The token at Connect-WireScim' {
    AfterEach { Disconnect-WireScim }

    It 'drops the trailing line break a file read leaves, and the token works' {
        $path = Join-Path $TestDrive 'token.txt'
        Set-Content -LiteralPath $path -Value $token    # ends in a line break
        $fromFile = ConvertTo-SecureString ([IO.File]::ReadAllText($path)) -AsPlainText -Force
        Connect-WireScim -Uri $origin -Token $fromFile
        $created = New-WireScimUser -UserName "fromfile.$(Get-Random)" -DisplayName 'From File' -ExternalId "fromfile.$(Get-Random)@example.com"
        Get-EmulatorUser -Emulator $emulator -UserName $created.UserName | Should -Not -BeNullOrEmpty
    }

    It 'refuses a token with a line break inside as malformed, without showing it' {
        $broken = ConvertTo-SecureString ("connect-token`n-Zq7+/Xw9==") -AsPlainText -Force
        $record = Get-TerminatingError { Connect-WireScim -Uri $origin -Token $broken }
        $record.FullyQualifiedErrorId | Should -Be 'WireScim.MalformedToken,WireScim.Commands.ConnectWireScimCommand'
        $record.Exception.Message | Should -Match 'malformed'
        $record.Exception.Message | Should -Match 'line break'
        $record.Exception.Message | Should -Not -Match 'connect-token'
        Get-WireScimConnection | Should -BeNullOrEmpty
    }

    It 'refuses plain text, saying how to give a SecureString' {
        { Connect-WireScim -Uri $origin -Token $token } | Should -Throw -ExpectedMessage '*SecureString*Get-Secret*'
    }
}

Describe 'Connect-WireScim with what New-WireScimToken returned' {
    BeforeAll {
        $admin = [pscredential]::new($emulator.AdminEmail, (ConvertTo-SecureString $emulator.AdminPassword -AsPlainText -Force))
        $created = New-WireScimToken -Uri $origin -Credential $admin -Description 'connect tests'
    }
    AfterEach { Disconnect-WireScim }

    It 'takes the token object as -Token' {
        Connect-WireScim -Uri $origin -Token $created
        $user = New-WireScimUser -UserName "tokenobject.$(Get-Random)" -DisplayName 'Token Object' -ExternalId "tokenobject.$(Get-Random)@example.com"
        Get-EmulatorUser -Emulator $emulator -UserName $user.UserName | Should -Not -BeNullOrEmpty
    }

    It 'takes it from the pipeline, address included' {
        $created | Connect-WireScim
        (Get-WireScimConnection).Uri | Should -Be "$origin/scim/v2"
        (Get-WireScimUser -UserName nobody.here -ErrorAction SilentlyContinue -ErrorVariable notFound) | Should -BeNullOrEmpty
        $notFound[0].FullyQualifiedErrorId | Should -Match '^WireScim.UserNotFound'
    }

    It 'refuses a listed token (no value), saying why' {
        $listed = Get-WireScimToken -Uri $origin -Credential $admin | Select-Object -First 1
        { Connect-WireScim -Uri $origin -Token $listed } | Should -Throw -ExpectedMessage '*shows a token once*'
    }
}

Describe 'Get-WireScimConnection' {
    It 'writes nothing when not connected' {
        Disconnect-WireScim
        Get-WireScimConnection | Should -BeNullOrEmpty
    }

    It 'shows the address, team mode and limits, and never the token' {
        Connect-WireScim -Uri $origin -Token (ConvertTo-TestSecret $token) -TeamMode SingleSignOn -RequestsPerSecond 20 -MaxAttempts 3
        try {
            $connection = Get-WireScimConnection
            $connection | Should -BeOfType ([WireScim.Connection])
            $connection.Uri | Should -Be "$origin/scim/v2"
            $connection.TeamMode | Should -Be 'SingleSignOn'
            $connection.RequestsPerSecond | Should -Be 20
            $connection.MaxAttempts | Should -Be 3
            $shown = ($connection | Format-Table | Out-String -Width 200) + ($connection | Format-List * | Out-String -Width 200) + ($connection | ConvertTo-Json -WarningAction SilentlyContinue)
            $shown | Should -Match 'SingleSignOn'
            $shown | Should -Not -Match ([regex]::Escape($token))
        }
        finally { Disconnect-WireScim }
    }
}
